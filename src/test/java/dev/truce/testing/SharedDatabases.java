package dev.truce.testing;

import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fresh databases with the service's migrations applied, on both engines the service runs on: H2 in PostgreSQL mode
 * (the default) and real PostgreSQL. For tests of state the replicas share through the database.
 */
public final class SharedDatabases {

    private SharedDatabases() {
    }

    /** A new in-memory H2 database (PostgreSQL mode), migrated; kept until the JVM ends. */
    public static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return migrated(h2);
    }

    /** A new database on the shared embedded PostgreSQL server, migrated. */
    public static DataSource postgres() {
        return migrated(SharedPostgres.dataSource(SharedPostgres.newDatabase()));
    }

    /** Both engines, for {@code @MethodSource}: each argument is a name and a supplier of a fresh database. */
    public static Stream<Arguments> engines() {
        return Stream.of(Arguments.of("H2", (Fresh) SharedDatabases::h2),
                Arguments.of("PostgreSQL", (Fresh) SharedDatabases::postgres));
    }

    /** Makes a fresh migrated database. */
    @FunctionalInterface
    public interface Fresh {
        DataSource create();
    }

    private static DataSource migrated(DataSource database) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return database;
    }
}
