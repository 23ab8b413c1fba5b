package dev.truce.provider;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** A {@link BudgetLedger} for one process (the command line): forgotten when the process ends. */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private final Map<String, BigDecimal> perPullRequest = new HashMap<>();
    private final Map<LocalDate, BigDecimal> perDay = new HashMap<>();
    private final Map<LocalDate, Map<String, BigDecimal>> perAccountAndDay = new HashMap<>();

    @Override
    public synchronized BigDecimal spentOn(String pullRequest) {
        return perPullRequest.getOrDefault(pullRequest, BigDecimal.ZERO);
    }

    @Override
    public synchronized BigDecimal spentOn(LocalDate day) {
        return perDay.getOrDefault(day, BigDecimal.ZERO);
    }

    @Override
    public synchronized BigDecimal spentOn(String account, LocalDate day) {
        return perAccountAndDay.getOrDefault(day, Map.of()).getOrDefault(account, BigDecimal.ZERO);
    }

    @Override
    public synchronized void add(String account, String pullRequest, LocalDate day, BigDecimal cost) {
        // Only today and later matter to a budget; older days would only accumulate.
        perDay.keySet().removeIf(d -> d.isBefore(day));
        perDay.merge(day, cost, BigDecimal::add);
        perAccountAndDay.keySet().removeIf(d -> d.isBefore(day));
        if (account != null) {
            perAccountAndDay.computeIfAbsent(day, d -> new HashMap<>()).merge(account, cost, BigDecimal::add);
        }
        if (pullRequest != null) {
            perPullRequest.merge(pullRequest, cost, BigDecimal::add);
        }
    }
}
