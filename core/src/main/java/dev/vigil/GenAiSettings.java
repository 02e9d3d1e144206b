package dev.vigil;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The GenAI part of the configuration, resolved and checked once at {@code build()}: prices, the daily budget and
 * content capture.
 */
record GenAiSettings(GenAiPrices prices, double dailyBudgetUsd, boolean captureContent, int contentMaxLength,
                     Clock clock) {
    private static final String PRICES = VigilConfig.GENAI_PRICES;
    private static final String DAILY_BUDGET_USD = VigilConfig.GENAI_DAILY_BUDGET_USD;

    static final GenAiSettings NONE = new GenAiSettings(GenAiPrices.EMPTY, 0, false, 4096, Clock.systemUTC());

    /**
     * @throws IllegalArgumentException naming the key when a price, the price file or the budget is bad
     */
    static GenAiSettings resolve(VigilConfig config, Map<String, GenAiPrice> explicit, Clock clock) {
        String file = config.get(PRICES);
        Path path = null;
        if (file != null) {
            try {
                path = Path.of(file);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(config.describe(PRICES) + " is not a file path");
            }
        }
        GenAiPrices prices = GenAiPrices.of(path, config.describe(PRICES), explicit);
        double budget = 0;
        String b = config.get(DAILY_BUDGET_USD);
        if (b != null) {
            try {
                budget = Double.parseDouble(b);
            } catch (NumberFormatException e) {
                budget = Double.NaN;
            }
            if (!(budget > 0) || Double.isInfinite(budget)) {
                throw new IllegalArgumentException(config.describe(DAILY_BUDGET_USD)
                        + " must be a positive number of US dollars, not '" + b + "'");
            }
        }
        boolean capture = config.getBoolean(VigilConfig.GENAI_CAPTURE_CONTENT, false);
        int max = (int) config.getLong(VigilConfig.GENAI_CONTENT_MAX_LENGTH, 4096, 16, 1_000_000);
        return new GenAiSettings(prices, budget, capture, max, clock);
    }
}
