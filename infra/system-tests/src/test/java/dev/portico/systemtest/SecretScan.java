package dev.portico.systemtest;

import dev.portico.testsupport.LifecycleConsumer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Looks for values of a run (secrets, e-mail addresses) in clear, ignoring case, wherever a service may have put
 * them: every column of every table of the database (the event store among them; byte columns read as UTF-8
 * text), log events, and the records of a Kafka topic. A finding says which value, of which kind, and where;
 * it shows no more of the value than its first characters.
 */
final class SecretScan {
    /** A value that must not appear in clear, and what it is ("password", "refresh token", …). */
    record Secret(String kind, String value) {
    }

    record Finding(Secret secret, String where) {
        @Override
        public String toString() {
            String value = secret.value();
            return secret.kind() + " " + value.substring(0, Math.min(4, value.length())) + "… (" + value.length()
                    + " characters) in " + where;
        }
    }

    /** PostgreSQL's own schemas; every other schema belongs to the services. */
    private static final String SERVICE_TABLES = """
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY table_schema, table_name""";

    private final List<Secret> secrets;
    private final List<String> needles;

    /** Values that differ only in case are one value here: the first of them is kept. */
    SecretScan(Collection<Secret> secrets) {
        Map<String, Secret> byNeedle = new LinkedHashMap<>();
        secrets.forEach(secret -> byNeedle.putIfAbsent(secret.value().toLowerCase(Locale.ROOT), secret));
        this.secrets = List.copyOf(byNeedle.values());
        this.needles = List.copyOf(byNeedle.keySet());
    }

    List<Finding> in(String where, String text) {
        if (text == null) {
            return List.of();
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < needles.size(); i++) {
            if (haystack.contains(needles.get(i))) {
                findings.add(new Finding(secrets.get(i), where));
            }
        }
        return findings;
    }

    /** The tables the database scan reads: schema-qualified, every table not PostgreSQL's own. */
    static List<String> tables(DataSource database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SERVICE_TABLES)) {
            while (rows.next()) {
                tables.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
        return tables;
    }

    /** Every value of every row of every table of {@link #tables}. */
    List<Finding> inDatabase(DataSource database) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            for (String table : tables(database)) {
                String[] name = table.split("\\.", 2);
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                        "SELECT * FROM \"" + name[0] + "\".\"" + name[1] + "\"")) {
                    ResultSetMetaData columns = rows.getMetaData();
                    long row = 0;
                    while (rows.next()) {
                        row++;
                        for (int column = 1; column <= columns.getColumnCount(); column++) {
                            Object value = rows.getObject(column);
                            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : value == null ? null : value.toString();
                            findings.addAll(in(table + "." + columns.getColumnName(column) + " (row " + row + ")", text));
                        }
                    }
                }
            }
        }
        return findings;
    }

    List<Finding> inLogs(List<String> events) {
        List<Finding> findings = new ArrayList<>();
        for (String event : events) {
            findings.addAll(in("the log event \"" + event.lines().findFirst().orElse("") + "\"", event));
        }
        return findings;
    }

    /** Keys, headers and values of the records. */
    List<Finding> inTopic(String topic, List<LifecycleConsumer.Message> records) {
        List<Finding> findings = new ArrayList<>();
        for (LifecycleConsumer.Message record : records) {
            findings.addAll(in(topic + " partition " + record.partition() + " offset " + record.offset(),
                    record.key() + "\n" + record.headers() + "\n" + record.value()));
        }
        return findings;
    }
}
