package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;
import org.junit.jupiter.api.Test;

/** Unnamed annotated methods get lower snake case metric names; span names keep the code's spelling. */
class MethodSiteTest {
    static final class Shop {
        @Timed
        @Counted
        @Traced
        void render() {
        }
    }

    static final class HTTPOrderService {
        @Timed
        void placeOrderNow() {
        }
    }

    @Test
    void unnamedTimedAndCountedMethodsAreLowerSnakeCase() throws Exception {
        MethodSite site = new MethodSite(Shop.class.getDeclaredMethod("render"));
        assertThat(site.timerName).isEqualTo("shop.render");
        assertThat(site.counterName).isEqualTo("shop.render.calls");
        assertThat(site.spanName).isEqualTo("Shop.render");
    }

    @Test
    void camelCaseAndAcronymsSplitIntoWords() throws Exception {
        MethodSite site = new MethodSite(HTTPOrderService.class.getDeclaredMethod("placeOrderNow"));
        assertThat(site.timerName).isEqualTo("http_order_service.place_order_now");
    }
}
