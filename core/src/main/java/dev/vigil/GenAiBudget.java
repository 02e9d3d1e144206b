package dev.vigil;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.DoubleSupplier;

/**
 * The day's GenAI spend against the daily budget: the value of {@code gen_ai.budget.used_ratio}. The day is UTC and
 * starts again at midnight, read from the clock at each spend and each scrape, so a quiet night still shows 0.
 */
final class GenAiBudget implements DoubleSupplier {
    private final double dailyUsd;
    private final Clock clock;
    private LocalDate day;
    private double spentUsd;

    GenAiBudget(double dailyUsd, Clock clock) {
        this.dailyUsd = dailyUsd;
        this.clock = clock;
    }

    synchronized void spend(double usd) {
        roll();
        spentUsd += usd;
    }

    /** @return today's spend in US dollars */
    synchronized double spentUsd() {
        roll();
        return spentUsd;
    }

    /** @return today's spend over the budget: 1 is the whole budget */
    @Override
    public synchronized double getAsDouble() {
        roll();
        return spentUsd / dailyUsd;
    }

    private void roll() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            spentUsd = 0;
        }
    }
}
