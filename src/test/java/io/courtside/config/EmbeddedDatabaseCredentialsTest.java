package io.courtside.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * The embedded H2 database is never reachable as sa with no password: a new one is created for user courtside
 * with a generated password kept owner-only beside it (the same on the next start), one of an older version (sa,
 * no password) is taken over with its data, and COURTSIDE_DB_PASSWORD, when set, is the password.
 */
class EmbeddedDatabaseCredentialsTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db/courtside") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE";
    }

    private DataSourceProperties secured(String username, String password) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url());
        properties.setUsername(username);
        properties.setPassword(password);
        new EmbeddedDatabaseCredentials().postProcessAfterInitialization(properties, "dataSourceProperties");
        return properties;
    }

    @Test
    void aNewDatabaseGetsAGeneratedPasswordKeptOwnerOnly() throws Exception {
        DataSourceProperties first = secured("courtside", "");
        assertThat(first.getUsername()).isEqualTo("courtside");
        assertThat(first.getPassword()).hasSizeGreaterThanOrEqualTo(32);
        Path kept = dir.resolve("db/courtside.password");
        assertThat(Files.readString(kept).trim()).isEqualTo(first.getPassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        assertRefused("sa", "");
        assertRefused("courtside", "");
        try (Connection ok = DriverManager.getConnection(url(), "courtside", first.getPassword())) {
            assertThat(ok.isValid(1)).isTrue();
        }
        assertThat(secured("courtside", "").getPassword()).as("the next start").isEqualTo(first.getPassword());
        // the old default user name in a configuration is not used as such
        assertThat(secured("sa", "").getUsername()).isEqualTo("courtside");
    }

    @Test
    void aDatabaseOfAnOlderVersionIsTakenOverWithItsData() throws Exception {
        try (Connection sa = DriverManager.getConnection(url(), "sa", "")) {
            sa.createStatement().execute("CREATE TABLE jobs(id VARCHAR(32)); INSERT INTO jobs VALUES ('kept')");
        }
        DataSourceProperties properties = secured("courtside", "");
        assertRefused("sa", "");
        try (Connection ok = DriverManager.getConnection(url(), "courtside", properties.getPassword());
             var rows = ok.createStatement().executeQuery("SELECT id FROM jobs")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void thePasswordFromTheEnvironmentIsUsed() throws Exception {
        DataSourceProperties properties = secured("courtside", "from-the-environment");
        assertThat(properties.getPassword()).isEqualTo("from-the-environment");
        assertThat(dir.resolve("db/courtside.password")).doesNotExist();
        assertRefused("sa", "");
        try (Connection ok = DriverManager.getConnection(url(), "courtside", "from-the-environment")) {
            assertThat(ok.isValid(1)).isTrue();
        }
    }

    private void assertRefused(String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url(), user, password).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
    }
}
