package io.baobei.privacy;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encryption round trips, key rotation keeps old rows readable, the blind index is keyed and stable. */
class ContactCryptoTest {

    private static ContactCrypto crypto(String keyset, String hmacKey) throws Exception {
        return new ContactCrypto(new CryptoProperties(keyset, hmacKey, null, false), new ObjectMapper());
    }

    @Test
    void encryptsWithAFreshNonceAndDecrypts() throws Exception {
        Map<String, String> keys = ContactCrypto.newKeys();
        ContactCrypto crypto = crypto(keys.get("aeadKeyset"), keys.get("blindIndexKey"));

        String first = crypto.encrypt("13800138000");
        assertThat(first).startsWith(ContactCrypto.PREFIX).doesNotContain("13800138000");
        assertThat(crypto.encrypt("13800138000")).isNotEqualTo(first);
        assertThat(crypto.decrypt(first)).isEqualTo("13800138000");
        assertThat(crypto.decrypt("legacy clear text")).isEqualTo("legacy clear text");
        assertThat(crypto.encrypt(null)).isNull();
    }

    @Test
    void afterRotationOldRowsStayReadableAndNewOnesUseTheNewKey() throws Exception {
        Map<String, String> keys = ContactCrypto.newKeys();
        ContactCrypto before = crypto(keys.get("aeadKeyset"), keys.get("blindIndexKey"));
        String oldRow = before.encrypt("王先生");

        // rotation as an operator does it (Tinkey or this API): add a new key, make it primary, keep the old one
        KeysetHandle old = TinkJsonProtoKeysetFormat.parseKeyset(keys.get("aeadKeyset"), InsecureSecretKeyAccess.get());
        KeysetHandle rotated = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId().makePrimary())
                .build();
        String rotatedJson = TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        ContactCrypto after = crypto(rotatedJson, keys.get("blindIndexKey"));

        assertThat(after.decrypt(oldRow)).isEqualTo("王先生");
        String newRow = after.encrypt("王先生");
        assertThat(after.decrypt(newRow)).isEqualTo("王先生");
        // the old keyset cannot read what the new primary key wrote
        assertThatThrownBy(() -> crypto(keys.get("aeadKeyset"), keys.get("blindIndexKey")).decrypt(newRow))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBlindIndexIsDeterministicPerKeyAndRevealsNothingWithoutIt() throws Exception {
        Map<String, String> keys = ContactCrypto.newKeys();
        Map<String, String> other = ContactCrypto.newKeys();
        ContactCrypto crypto = crypto(keys.get("aeadKeyset"), keys.get("blindIndexKey"));
        ContactCrypto otherKey = crypto(other.get("aeadKeyset"), other.get("blindIndexKey"));

        assertThat(crypto.blindIndex("13800138000")).isEqualTo(crypto.blindIndex("13800138000")).hasSize(64)
                .isNotEqualTo(crypto.blindIndex("13800138001"))
                .isNotEqualTo(otherKey.blindIndex("13800138000"));
        assertThat(crypto.blindIndex(null)).isNull();
    }
}
