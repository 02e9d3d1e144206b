package dev.vigil;

import dev.vigil.conventions.GenAiConventions;
import dev.vigil.internal.ConventionMetrics;

/**
 * Prices one call's tokens: {@code gen_ai.client.cost} and the day's budget when the model has a price,
 * {@code vigil.genai.unpriced} when it has none.
 */
final class GenAiCost {
    private GenAiCost() {
    }

    static void record(GenAiCall call, long input, long output, long cacheRead, String estimatedFlag) {
        GenAi genAi = call.genAi;
        String responseModel = call.reported.responseModel;
        GenAiPrice price = genAi.settings().prices().find(call.provider, responseModel, call.requestModel);
        Vigil vigil = genAi.vigil();
        if (price == null) {
            ConventionMetrics.record(vigil, GenAiConventions.UNPRICED, 1, "gen_ai.provider.name", call.provider,
                    "gen_ai.request.model", call.requestModel, "gen_ai.response.model", responseModel);
            return;
        }
        double usd = price.cost(input, output, cacheRead);
        ConventionMetrics.record(vigil, GenAiConventions.CLIENT_COST, usd, "gen_ai.operation.name", call.operation,
                "gen_ai.provider.name", call.provider, "gen_ai.request.model", call.requestModel,
                "gen_ai.response.model", responseModel, "feature", call.feature,
                "vigil.genai.usage.estimated", estimatedFlag);
        genAi.today().spend(usd);
        GenAiBudget budget = genAi.budget();
        if (budget != null) {
            budget.spend(usd);
        }
    }
}
