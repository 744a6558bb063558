package dev.portico.query.support;

import dev.portico.query.QueryServiceApplication;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, against real PostgreSQL and Kafka, started through its main method so
 * the tests see its real configuration. Every class using exactly this annotation shares one context (and so
 * one database and topic); tests keep apart by using users and apps of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@ContextConfiguration(initializers = {QueryDatabaseInitializer.class, ServiceSettingsInitializer.class,
        SharedKafkaInitializer.class})
public @interface QueryServiceTest {
}
