package io.baobei.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encryption of contact data at rest (AES-256-GCM through Google Tink) and its blind index (HMAC-SHA256
 * of the normalised value, so duplicate checks match phones and emails without decrypting anything).
 * <p>
 * JPA converters and entities are created by Hibernate, not by Spring, so they reach this component
 * through {@link #get()}; it is set once the keys are loaded, before any repository can be used.
 */
@Component
public class ContactCrypto {

    private static final Logger LOG = LoggerFactory.getLogger(ContactCrypto.class);
    /** marks an encrypted value; a value without it is a legacy clear-text row (see ContactDataEncryption) */
    public static final String PREFIX = "enc:";
    private static final byte[] ASSOCIATED_DATA = "baobei-contact-v1".getBytes(StandardCharsets.UTF_8);

    private static volatile ContactCrypto instance;

    private final Aead aead;
    private final byte[] blindIndexKey;

    public ContactCrypto(CryptoProperties properties, ObjectMapper json) throws GeneralSecurityException, IOException {
        AeadConfig.register();
        String keyset = properties.keyset();
        String hmacKey = properties.blindIndexKey();
        if (isBlank(keyset) || isBlank(hmacKey)) {
            Map<String, String> fromFile = readOrCreateKeyFile(properties, json);
            keyset = isBlank(keyset) ? fromFile.get("aeadKeyset") : keyset;
            hmacKey = isBlank(hmacKey) ? fromFile.get("blindIndexKey") : hmacKey;
        }
        KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.blindIndexKey = Base64.getDecoder().decode(hmacKey);
        if (blindIndexKey.length < 32) {
            throw new IllegalStateException("BAOBEI_BLIND_INDEX_KEY must be at least 32 random bytes (base64)");
        }
        instance = this;
    }

    public static ContactCrypto get() {
        ContactCrypto current = instance;
        if (current == null) {
            throw new IllegalStateException("contact data keys not loaded yet");
        }
        return current;
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            return PREFIX + Base64.getEncoder().encodeToString(aead.encrypt(plain.getBytes(StandardCharsets.UTF_8), ASSOCIATED_DATA));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt contact data", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] plain = aead.decrypt(Base64.getDecoder().decode(stored.substring(PREFIX.length())), ASSOCIATED_DATA);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt contact data: is the key that encrypted it still in the keyset?", e);
        }
    }

    /** The blind index of an already normalised value (canonical phone, lower-case email); null stays null. */
    public String blindIndex(String normalized) {
        if (normalized == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(blindIndexKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** New keys: a Tink keyset with one AES-256-GCM key and a 32-byte blind-index key, as the key file stores them. */
    public static Map<String, String> newKeys() throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] hmac = new byte[32];
        new SecureRandom().nextBytes(hmac);
        return Map.of("aeadKeyset", TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
                "blindIndexKey", Base64.getEncoder().encodeToString(hmac));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> readOrCreateKeyFile(CryptoProperties properties, ObjectMapper json)
            throws IOException, GeneralSecurityException {
        if (isBlank(properties.keyFile())) {
            throw new IllegalStateException("No key for contact data: set BAOBEI_DATA_KEYSET and BAOBEI_BLIND_INDEX_KEY, "
                    + "or baobei.crypto.key-file (see docs/security.md)");
        }
        Path file = Path.of(properties.keyFile());
        if (Files.exists(file)) {
            return json.readValue(file.toFile(), Map.class);
        }
        if (!properties.generateMissingKeyFile()) {
            throw new IllegalStateException("Key file " + file.toAbsolutePath() + " does not exist "
                    + "(set baobei.crypto.generate-missing-key-file=true to create it)");
        }
        Map<String, String> keys = newKeys();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, json.writeValueAsString(keys));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warn("Could not restrict the permissions of {}", file);
        }
        LOG.warn("Generated new contact-data keys in {}: back this file up separately from the database", file.toAbsolutePath());
        return keys;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
