package dev.portico.query.projection;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code portico.query.replay-on-startup=true} rebuilds the read model once the service has started. It is
 * meant for one start (e.g. after a projection change); left on, every restart would rebuild again.
 */
@Component
@ConditionalOnProperty(name = "portico.query.replay-on-startup", havingValue = "true")
public class ReplayOnStartup implements ApplicationRunner {
    private final UsersReplay replay;

    public ReplayOnStartup(UsersReplay replay) {
        this.replay = replay;
    }

    @Override
    public void run(ApplicationArguments args) {
        replay.start();
    }
}
