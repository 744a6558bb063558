package dev.portico.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Lifecycle topics of their own per Spring context, created up front with several partitions. */
public final class TestTopics {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestTopics() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "." + ProcessHandle.current().pid() + "." + COUNTER.incrementAndGet();
    }

    public static void create(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + topic, e);
        }
    }
}
