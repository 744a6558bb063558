package dev.portico.query.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.query.readmodel.SearchTerm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The blind index of personal fields that listings filter on: HMAC-SHA256 of the normalised value under the
 * deployment's search-index key, so that "this e-mail address" can be matched without the read model holding
 * any address. Normalisation: Unicode NFKC, trimmed, inner whitespace collapsed, lower case. Names are
 * indexed whole ({@code name}) and by part ({@code first_name}, {@code last_name}); matching is exact.
 * Why a key of the deployment rather than the users' keys: docs/decisions/0009-search-index-key.md.
 */
@Component
public class SearchIndex {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    static final int MIN_KEY_LENGTH = 32;

    private final String configuredKey;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private volatile SecretKeySpec key;

    public SearchIndex(@Value("${portico.query.search-index-key:}") String configuredKey, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        if (!configuredKey.isBlank() && configuredKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("portico.query.search-index-key (PORTICO_QUERY_SEARCH_INDEX_KEY) must be "
                    + "at least " + MIN_KEY_LENGTH + " characters");
        }
        this.configuredKey = configuredKey;
        this.jdbc = jdbc;
        // The first use may come inside a read-only transaction; the key is made and read in one of its own.
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public SearchTerm email(String address) {
        return new SearchTerm(SearchTerm.Field.EMAIL, digest(SearchTerm.Field.EMAIL, address));
    }

    public SearchTerm name(String name) {
        return new SearchTerm(SearchTerm.Field.NAME, digest(SearchTerm.Field.NAME, name));
    }

    /** The terms an identity gives: the e-mail and names of its profile, and its subject when that is an e-mail. */
    public Set<SearchTerm> termsOf(JsonNode profile, String emailSubject) {
        Set<SearchTerm> terms = new LinkedHashSet<>();
        if (emailSubject != null && !emailSubject.isBlank()) {
            terms.add(email(emailSubject));
        }
        if (profile != null) {
            text(profile, "email").ifPresent(value -> terms.add(email(value)));
            for (String field : new String[] {"name", "first_name", "last_name"}) {
                text(profile, field).ifPresent(value -> terms.add(name(value)));
            }
        }
        return terms;
    }

    static String normalise(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private String digest(SearchTerm.Field field, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            // The field is part of the input: the same text as a name and as an e-mail gives different digests.
            mac.update((field.column() + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(normalise(value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static Optional<String> text(JsonNode profile, String field) {
        JsonNode value = profile.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Read on first use, after Flyway has made the table; the same for every instance of the deployment. */
    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(configuredKey.isBlank() ? storedKey()
                            : configuredKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] storedKey() {
        log.warn("No portico.query.search-index-key (PORTICO_QUERY_SEARCH_INDEX_KEY) is set: the search index uses "
                + "a key kept in the database, so a copy of the database alone can test guessed e-mail addresses "
                + "against it. Set a key of the deployment in production.");
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        return ownTransaction.execute(status -> {
            jdbc.sql("INSERT INTO search_index_key (id, key_bytes) VALUES (1, :key) ON CONFLICT (id) DO NOTHING")
                .param("key", candidate)
                    .update();
            return jdbc.sql("SELECT key_bytes FROM search_index_key WHERE id = 1").query(byte[].class).single();
        });
    }
}
