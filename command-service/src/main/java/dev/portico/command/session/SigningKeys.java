package dev.portico.command.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ES256 keys that sign access tokens. Rotation is adding a key file: the new key signs from the next
 * reload on, while the old ones keep verifying (and stay in the JWKS) until an operator removes them, which
 * is safe once the access-token lifetime has passed.
 */
@Component
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final DateTimeFormatter KEY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final TokenProperties properties;
    private volatile KeyRing ring;

    public SigningKeys(TokenProperties properties) {
        this.properties = properties;
        this.ring = load();
    }

    public ECKey activeKey() {
        return ring.active;
    }

    public JWSSigner signer() {
        return ring.signer;
    }

    public Optional<JWSVerifier> verifier(String keyId) {
        return Optional.ofNullable(keyId).map(ring.verifiers::get);
    }

    /** The public halves of every key, as served at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return ring.publicKeys;
    }

    @Scheduled(fixedDelayString = "${portico.tokens.key-reload-interval:30s}")
    public void reload() {
        try {
            ring = load();
        } catch (RuntimeException e) {
            log.error("could not reload signing keys from {}; keeping the keys in use", properties.keysDir(), e);
        }
    }

    private KeyRing load() {
        try {
            Files.createDirectories(properties.keysDir());
            List<ECKey> keys = readKeys(properties.keysDir());
            if (keys.isEmpty()) {
                keys = List.of(generate(properties.keysDir()));
            }
            return new KeyRing(keys, properties.activeKeyId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys from " + properties.keysDir(), e);
        }
    }

    private static List<ECKey> readKeys(Path dir) throws IOException {
        List<ECKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JWK jwk = parse(file);
                if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate() || ec.getKeyID() == null) {
                    throw new IllegalStateException(file + " is not a private P-256 EC JWK with a key id");
                }
                keys.add(ec);
            }
        }
        return keys;
    }

    private static JWK parse(Path file) throws IOException {
        try {
            return JWK.parse(Files.readString(file));
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JWK: " + e.getMessage(), e);
        }
    }

    private static ECKey generate(Path dir) throws IOException {
        String keyId = KEY_ID_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
            Path file = dir.resolve(keyId + ".json");
            Files.writeString(file, key.toJSONString());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the directory's own permissions have to do
            }
            log.info("generated signing key {} in {}", keyId, dir);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private static final class KeyRing {
        final ECKey active;
        final JWSSigner signer;
        final Map<String, JWSVerifier> verifiers = new HashMap<>();
        final JWKSet publicKeys;

        KeyRing(List<ECKey> keys, String activeKeyId) {
            ECKey chosen = keys.get(keys.size() - 1);
            if (activeKeyId != null && !activeKeyId.isBlank()) {
                chosen = keys.stream().filter(k -> activeKeyId.equals(k.getKeyID())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no signing key has the id " + activeKeyId));
            }
            try {
                active = chosen;
                signer = Es256.signer(chosen);
                for (ECKey key : keys) {
                    verifiers.put(key.getKeyID(), Es256.verifier(key));
                }
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable signing key", e);
            }
            publicKeys = new JWKSet(keys.stream().<JWK>map(ECKey::toPublicJWK).toList());
        }
    }
}
