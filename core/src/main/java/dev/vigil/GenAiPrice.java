package dev.vigil;

/**
 * What one model costs, in US dollars per million tokens. Input tokens that were read from the provider's prompt
 * cache are priced at {@code cacheReadInput}, the rest of the input at {@code input}.
 */
record GenAiPrice(double input, double output, double cacheReadInput) {
    private static final double PER_TOKEN = 1e-6;

    /**
     * @param where names the setting, for the error message
     * @throws IllegalArgumentException when a price is negative, NaN or infinite
     */
    static GenAiPrice of(double input, double output, double cacheReadInput, String where) {
        check(input, "input", where);
        check(output, "output", where);
        check(cacheReadInput, "cache-read input", where);
        return new GenAiPrice(input, output, cacheReadInput);
    }

    private static void check(double price, String what, String where) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(where + ": the " + what + " price must be a finite number of US dollars"
                    + " per million tokens, at least 0, not " + price);
        }
    }

    /**
     * @param inputTokens all input tokens, cache reads included (as OpenAI reports them)
     * @param outputTokens all output tokens, reasoning included
     * @param cacheReadTokens the input tokens read from the prompt cache; more than the input counts as the input
     * @return the cost in US dollars
     */
    double cost(long inputTokens, long outputTokens, long cacheReadTokens) {
        long in = Math.max(0, inputTokens);
        long cached = Math.min(in, Math.max(0, cacheReadTokens));
        return ((in - cached) * input + cached * cacheReadInput + Math.max(0, outputTokens) * output) * PER_TOKEN;
    }
}
