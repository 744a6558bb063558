package dev.portico.command.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.text.ParseException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final String GENERATION_LOCK = ".generation.lock";
    private static final DateTimeFormatter KEY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final TokenProperties properties;
    private final JWSVerifierFactory verifiers = new Verifiers();
    private volatile KeyRing ring;

    public SigningKeys(TokenProperties properties) {
        this.properties = properties;
        this.ring = new KeyRing(load(), properties.activeKeyId(), 0);
    }

    public ECKey activeKey() {
        return ring.active;
    }

    public JWSSigner signer() {
        return ring.signer;
    }

    /** The public keys that verify access tokens; each selection reads the keys loaded last. */
    JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> selector.select(ring.publicKeys);
    }

    /**
     * Verifiers on {@link Es256} for the keys that {@link #verificationKeys()} selects: the JDK's ECDSA
     * verifies a tenth as many tokens per second, and every authenticated request verifies one. They are
     * built once per key, as BouncyCastle keeps precomputed multiples of the public point with it.
     */
    JWSVerifierFactory verifierFactory() {
        return verifiers;
    }

    /**
     * Changes whenever the set of keys changes (a key added, removed or replaced), and only then: a token
     * verified under one key set may be trusted again without a signature check only while it is current.
     */
    long keySetVersion() {
        return ring.version;
    }

    /** The public halves of every key, as served at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return ring.publicKeys;
    }

    @Scheduled(fixedDelayString = "${portico.tokens.key-reload-interval:30s}")
    public void reload() {
        try {
            List<ECKey> keys = load();
            KeyRing current = ring;
            if (!keys.equals(current.keys)) {
                ring = new KeyRing(keys, properties.activeKeyId(), current.version + 1);
            }
        } catch (RuntimeException e) {
            log.error("could not reload signing keys from {}; keeping the keys in use", properties.keysDir(), e);
        }
    }

    private List<ECKey> load() {
        Path dir = properties.keysDir();
        try {
            Files.createDirectories(dir);
            List<ECKey> keys = readKeys(dir);
            return keys.isEmpty() ? generateUnlessAnotherInstanceDid(dir) : keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys from " + dir, e);
        }
    }

    /**
     * Instances that share a keys directory and start together must end up with one key, not one each: each
     * would sign tokens the others reject until their next reload. The file lock serialises the instances,
     * the monitor the threads of one JVM (a JVM cannot hold two locks on one file).
     */
    private static List<ECKey> generateUnlessAnotherInstanceDid(Path dir) throws IOException {
        synchronized (SigningKeys.class) {
            try (FileChannel lock = FileChannel.open(dir.resolve(GENERATION_LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                List<ECKey> keys = readKeys(dir);
                return keys.isEmpty() ? List.of(generate(dir)) : keys;
            }
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
            // Written aside and renamed, so that an instance reading the directory never sees half a key.
            Path written = dir.resolve("." + keyId + ".json.new");
            try {
                Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the directory's own permissions have to do
                Files.createFile(written);
            }
            Files.writeString(written, key.toJSONString());
            Files.move(written, dir.resolve(keyId + ".json"), StandardCopyOption.ATOMIC_MOVE);
            log.info("generated signing key {} in {}", keyId, dir);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private static final class KeyRing {
        final List<ECKey> keys;
        final long version;
        final ECKey active;
        final JWSSigner signer;
        final Map<ECPoint, JWSVerifier> verifiers = new HashMap<>();
        final JWKSet publicKeys;

        KeyRing(List<ECKey> keys, String activeKeyId, long version) {
            this.keys = List.copyOf(keys);
            this.version = version;
            ECKey chosen = keys.get(keys.size() - 1);
            if (activeKeyId != null && !activeKeyId.isBlank()) {
                chosen = keys.stream().filter(k -> activeKeyId.equals(k.getKeyID())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no signing key has the id " + activeKeyId));
            }
            try {
                active = chosen;
                signer = Es256.signer(chosen);
                for (ECKey key : keys) {
                    verifiers.put(key.toECPublicKey().getW(), Es256.verifier(key));
                }
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable signing key", e);
            }
            publicKeys = new JWKSet(keys.stream().<JWK>map(ECKey::toPublicJWK).toList());
        }
    }

    private final class Verifiers implements JWSVerifierFactory {
        private final JCAContext jca = new JCAContext();

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            JWSVerifier verifier = key instanceof ECPublicKey ec ? ring.verifiers.get(ec.getW()) : null;
            if (verifier == null) {
                throw new JOSEException("not a verification key of this service");
            }
            return verifier;
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.ES256);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
