package io.baobei.privacy;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A JPA column holding contact data: AES-GCM ciphertext in the database, clear text in the entity. */
@Converter
public class EncryptedString implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String attribute) {
        return ContactCrypto.get().encrypt(attribute);
    }

    @Override
    public String convertToEntityAttribute(String column) {
        return ContactCrypto.get().decrypt(column);
    }
}
