package dev.truce.provider;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which installations of the App may use which models, and what each may spend: the models file's
 * {@code installations} section, keyed by the installation's account login ({@code "*"} for every account not
 * listed). Without the section every installation may use every model within the shared budget; with it an account
 * that is neither listed nor covered by {@code "*"} gets no model at all, whatever its repositories ask for.
 */
public final class InstallationGrants {

    /** No {@code installations} section: every account may use every model, limited by the shared budget only. */
    public static final InstallationGrants OPEN = new InstallationGrants(null);

    /** The key of the grant for every account not listed by name. */
    public static final String EVERY_OTHER_ACCOUNT = "*";

    private final Map<String, Grant> byAccount;

    /**
     * @param byAccount grants by account login (case-insensitive) or {@link #EVERY_OTHER_ACCOUNT}; {@code null} for
     *                  {@link #OPEN}
     */
    InstallationGrants(Map<String, Grant> byAccount) {
        if (byAccount == null) {
            this.byAccount = null;
            return;
        }
        Map<String, Grant> lower = new LinkedHashMap<>();
        byAccount.forEach((account, grant) -> lower.put(account.toLowerCase(Locale.ROOT), grant));
        this.byAccount = Map.copyOf(lower);
    }

    /** Whether the operator listed the installations (otherwise every account is granted every model). */
    public boolean restricted() {
        return byAccount != null;
    }

    /**
     * What an account may use: its own grant, else the {@code "*"} grant; empty when the operator granted it nothing.
     * Without an {@code installations} section: every model, no limits of its own ({@link Grant#ALL_MODELS}).
     */
    public Optional<Grant> of(String account) {
        if (byAccount == null) {
            return Optional.of(Grant.ALL_MODELS);
        }
        Grant grant = byAccount.get(account.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(grant != null ? grant : byAccount.get(EVERY_OTHER_ACCOUNT));
    }

    /**
     * What one installation may use.
     *
     * @param models         the models it may use, in the models file's names; {@code null} for all of them
     * @param perDay         dollars it may spend per UTC day, besides the shared limit; {@code null} for none
     * @param perPullRequest dollars one of its pull requests may spend (the lower of this and the shared limit
     *                       applies); {@code null} for none
     */
    public record Grant(List<String> models, BigDecimal perDay, BigDecimal perPullRequest) {

        /** Every model, no limits beyond the shared ones. */
        public static final Grant ALL_MODELS = new Grant(null, null, null);

        public Grant {
            models = models == null ? null : List.copyOf(models);
        }

        /** Whether the grant covers the named model. */
        public boolean allows(String model) {
            return models == null || models.contains(model);
        }
    }
}
