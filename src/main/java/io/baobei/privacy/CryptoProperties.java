package io.baobei.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys of the contact-data encryption ({@code baobei.crypto.*}); see docs/security.md.
 *
 * @param keyset              Tink JSON keyset of AES-256-GCM keys (BAOBEI_DATA_KEYSET); its primary key encrypts,
 *                            all its keys decrypt, which is how keys rotate
 * @param blindIndexKey       base64 HMAC-SHA256 key of the blind index for phone and email (BAOBEI_BLIND_INDEX_KEY)
 * @param keyFile             alternatively a JSON file holding both (used when the two above are empty)
 * @param generateMissingKeyFile create {@code keyFile} with new keys when it does not exist (demo, tests, compose)
 */
@ConfigurationProperties(prefix = "baobei.crypto")
public record CryptoProperties(String keyset, String blindIndexKey, String keyFile, boolean generateMissingKeyFile) {
}
