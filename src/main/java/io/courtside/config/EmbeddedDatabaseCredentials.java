package io.courtside.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 database never runs as {@code sa} with no password. Before the connection pool is built, the
 * database's user ({@code spring.datasource.username}, {@code courtside} by default) gets its password:
 * {@code COURTSIDE_DB_PASSWORD} when set, otherwise one generated for this data directory and kept beside the
 * database in {@code <name>.password} (owner read/write only; whoever can read it can read the database files
 * anyway, and it is never logged). A database created by an older version (user {@code sa}, no password) is
 * taken over on first start: the user is created with that password and {@code sa}'s password is replaced by a
 * random one nobody knows. The password matters because worker processes reach the database over H2's TCP server
 * (loopback only) while the service runs. PostgreSQL and other databases are left as configured.
 */
@Component
public class EmbeddedDatabaseCredentials implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseCredentials.class);
    private static final String FILE_URL = "jdbc:h2:file:";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties && properties.getUrl() != null
                && properties.getUrl().startsWith(FILE_URL)) {
            secure(properties);
        }
        return bean;
    }

    /** The database file of an embedded H2 URL, absolute (without H2's .mv.db suffix). */
    public static Path databaseFile(String url) {
        String rest = url.substring(FILE_URL.length());
        int semicolon = rest.indexOf(';');
        return Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)).toAbsolutePath().normalize();
    }

    private void secure(DataSourceProperties properties) {
        String url = properties.getUrl();
        String user = properties.getUsername() == null || properties.getUsername().isBlank()
                || properties.getUsername().equalsIgnoreCase("sa") ? "courtside" : properties.getUsername();
        String configured = properties.getPassword();
        try {
            Path database = databaseFile(url);
            Files.createDirectories(database.getParent());
            String password = configured != null && !configured.isEmpty() ? configured : storedPassword(database);
            takeOver(url, user, password, configured);
            properties.setUsername(user);
            properties.setPassword(password);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("The embedded database " + url + " could not be opened as user " + user
                    + ": " + e.getMessage() + ". If COURTSIDE_DB_PASSWORD changed, set it back to the password the"
                    + " database was created with.", e);
        }
    }

    private static String storedPassword(Path database) throws IOException {
        Path file = database.resolveSibling(database.getFileName() + ".password");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Path temp = Files.createTempFile(database.getParent(), ".password", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, password);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /** Opens the database as {@code user}; one of an older version (sa) is handed over to {@code user}. */
    private static void takeOver(String url, String user, String password, String configured) throws SQLException {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return; // new database (created with this user as its administrator) or already ours
        } catch (SQLException e) {
            if (e.getErrorCode() != 28000) { // WRONG_USER_OR_PASSWORD
                throw e;
            }
            String legacy = configured == null ? "" : configured;
            try (Connection sa = DriverManager.getConnection(url, "sa", legacy);
                 Statement statement = sa.createStatement()) {
                statement.execute("CREATE USER IF NOT EXISTS \"" + user.toUpperCase() + "\" PASSWORD '"
                        + password.replace("'", "''") + "' ADMIN");
                statement.execute("ALTER USER \"" + user.toUpperCase() + "\" SET PASSWORD '"
                        + password.replace("'", "''") + "'");
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                statement.execute("ALTER USER SA SET PASSWORD '" + HexFormat.of().formatHex(bytes) + "'");
                log.info("The embedded database now belongs to user {} (it ran as sa before); sa's password was"
                        + " replaced by a random one", user);
            } catch (SQLException legacyFailed) {
                e.addSuppressed(legacyFailed);
                throw e;
            }
        }
    }
}
