package dev.vigil.examples.quickstart;

import dev.vigil.Vigil;
import dev.vigil.annotation.Counted;
import dev.vigil.annotation.Tag;
import dev.vigil.annotation.Timed;
import dev.vigil.annotation.Traced;

/** Sells the document-processing plans; checkout is timed, counted and traced through the annotations. */
final class Shop {
    private final Vigil vigil;
    private final OrderStore orders;

    Shop(Vigil vigil, OrderStore orders) {
        this.vigil = vigil;
        this.orders = orders;
    }

    /**
     * Places an order for a plan.
     *
     * @param plan {@code free}, {@code pro} or {@code team}; anything else fails, to show {@code error.type}
     * @return the receipt
     */
    @Timed("shop.checkout")
    @Counted("shop.checkout.calls")
    @Traced
    Receipt checkout(@Tag("plan") String plan) {
        double price;
        switch (plan) {
            case "free": price = 0; break;
            case "pro": price = 49.0; break;
            case "team": price = 199.0; break;
            default: throw new IllegalStateException("unknown plan");
        }
        orders.save(plan, price);
        vigil.kpi("orders.placed").tag("plan", plan).increment();
        vigil.kpi("orders.revenue").unit("usd").tag("plan", plan).add(price);
        return new Receipt(plan, price);
    }

    /** What a checkout returns. */
    static final class Receipt {
        final String plan;
        final double price;

        Receipt(String plan, double price) {
            this.plan = plan;
            this.price = price;
        }

        String toJson() {
            return "{\"plan\":\"" + plan + "\",\"price\":" + price + "}";
        }
    }
}
