package dev.sharebridge.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The database URL the start-up line shows carries no credentials. */
class DatabaseConfigTest {
    private static String shown(String url) {
        return new DatabaseConfig(url, "sb", "pw").urlWithoutCredentials();
    }

    @Test
    void aUrlWithoutCredentialsIsShownAsIs() {
        assertThat(shown("jdbc:h2:file:./data/db/sharebridge")).isEqualTo("jdbc:h2:file:./data/db/sharebridge");
        assertThat(shown("jdbc:postgresql://127.0.0.1:5432/sharebridge?sslmode=require"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/sharebridge?sslmode=require");
    }

    @Test
    void usersPasswordsAndKeysAreLeftOut() {
        assertThat(shown("jdbc:postgresql://db:5432/sb?user=sb&password=Qx7&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/sb?ssl=true");
        assertThat(shown("jdbc:postgresql://db/sb?sslmode=verify-full&sslpassword=Qx7&sslkey=/etc/k.pk8"))
                .isEqualTo("jdbc:postgresql://db/sb?sslmode=verify-full");
        assertThat(shown("jdbc:postgresql://db/sb?PASSWORD=Qx7")).isEqualTo("jdbc:postgresql://db/sb");
        assertThat(shown("jdbc:postgresql://bob:Qx7@db/sb")).isEqualTo("jdbc:postgresql://db/sb");
        assertThat(shown("jdbc:h2:file:./x;USER=sa;PASSWORD=Qx7;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./x;MODE=PostgreSQL");
        assertThat(shown("jdbc:h2:file:./x;CIPHER=AES;FILE_PASSWORD=Qx7")).isEqualTo("jdbc:h2:file:./x;CIPHER=AES");
    }
}
