package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientLoad;
import dev.portico.testsupport.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With clients logging in, refreshing and logging out, each part of the system fails in turn: the
 * command-service and the query-service are killed with SIGKILL and started again, PostgreSQL and the Kafka
 * broker are restarted. The services must reconnect by themselves, say in their health what is down while it
 * is down, and afterwards nothing a client was told may be lost or contradicted ({@link LoadAftermath}).
 */
class FaultInjectionTest {
    private static final Logger log = LoggerFactory.getLogger(FaultInjectionTest.class);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final int CLIENTS = 3;
    /** Logins answered 200 between two faults: the load really runs through each recovery. */
    private static final int PROGRESS = 15;

    @Test
    void under_load_every_part_fails_in_turn_and_nothing_answered_is_lost() {
        try (ProcessSystem system = ProcessSystem.start("faults")) {
            ServiceProcess command = system.startCommand("command");
            ServiceProcess query = system.startQuery("query");
            ProcessSystem.awaitUp(command, query);
            ClientApi client = new ClientApi(command.baseUrl());
            ClientLoad load = ClientLoad.start(List.of(client), PorticoSystem.APP_ID, CLIENTS);
            try {
                progress(load);

                // The command-service crashes and is started again.
                command.kill();
                command.restart();
                ProcessSystem.awaitUp(command);
                progress(load);

                // The query-service crashes and is started again.
                query.kill();
                query.restart();
                ProcessSystem.awaitUp(query);
                progress(load);

                // PostgreSQL restarts: both services report their database down meanwhile, then reconnect.
                system.stopPostgres();
                await().atMost(OUTAGE).until(() -> command.health().reportsDown("db"));
                await().atMost(OUTAGE).until(() -> query.health().reportsDown("db"));
                system.startPostgres();
                ProcessSystem.awaitUp(command, query);
                progress(load);

                // The broker restarts: the query-service reports it down meanwhile, then reconnects.
                system.stopKafka();
                await().atMost(OUTAGE).until(() -> query.health().reportsDown("kafka"));
                system.startKafka();
                ProcessSystem.awaitUp(query);
                progress(load);
            } finally {
                load.stop();
            }

            Map<String, Object> counts = new LoadAftermath(load, system.database(), system.kafkaBootstrapServers(), client,
                    new ClientApi(query.baseUrl()), system.serviceToken(), Set.of()).verify();
            log.info("faults survived: command-service SIGKILL, query-service SIGKILL, PostgreSQL restart, Kafka restart; {}",
                    counts);
            System.out.println("FaultInjectionTest: " + counts);
            assertThat(command.alive() && query.alive()).isTrue();
            // While PostgreSQL is away a request is answered 503 (outcome unknown, safe to repeat); never a 500.
            assertThat(load.answers().keySet()).as("answers: %s", load.answers())
                    .filteredOn(answer -> answer.matches(".* 5\\d\\d") && !answer.endsWith(" 503")).isEmpty();
        }
    }

    /** Waits until the clients got a few more logins through. */
    private static void progress(ClientLoad load) {
        int before = load.logins().size();
        await().atMost(ProcessSystem.START).until(() -> load.logins().size() >= before + PROGRESS);
    }
}
