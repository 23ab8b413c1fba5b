package dev.truce.webhook;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code installations} table: which accounts have the App installed, for operators. */
@Repository
class InstallationBook {

    private final JdbcTemplate jdbc;

    InstallationBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void installed(long installationId, String account) {
        Timestamp now = Timestamp.from(Instant.now());
        // Update, then insert: portable across H2 and PostgreSQL without a dialect-specific upsert.
        int updated = jdbc.update("update installations set account_login = ?, updated_at = ? where installation_id = ?",
                account, now, installationId);
        if (updated == 0) {
            jdbc.update("insert into installations (installation_id, account_login, updated_at) values (?, ?, ?)",
                    installationId, account, now);
        }
    }

    void removed(long installationId) {
        jdbc.update("delete from installations where installation_id = ?", installationId);
    }
}
