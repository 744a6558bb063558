package dev.portico.command.userpass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;

/** Logins do not depend on the mail server, so its outage must not make the service unhealthy. */
@CommandServiceTest
class MailServerHealthTest {
    @Autowired
    HealthContributorRegistry health;

    @Test
    void theMailServerIsNoPartOfTheServicesHealth() {
        assertThat(health.getContributor("mail")).isNull();
        assertThat(health.getContributor("db")).isNotNull();
    }
}
