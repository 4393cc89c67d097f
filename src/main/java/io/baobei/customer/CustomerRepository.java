package io.baobei.customer;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import io.baobei.privacy.ContactCrypto;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

    /** Customers sharing a strong key with the arguments; any argument but the name may be null. */
    String STRONG_KEYS = """
            select c from Customer c
            where c.normalizedName = :normalizedName
               or (:creditCode is not null and c.creditCode = :creditCode)
               or (:phoneHash is not null and c.phoneHash = :phoneHash)
               or (:emailHash is not null and c.emailHash = :emailHash)
            order by c.id""";

    @Query(STRONG_KEYS)
    List<Customer> findByKeys(@Param("normalizedName") String normalizedName, @Param("creditCode") String creditCode,
                              @Param("phoneHash") String phoneHash, @Param("emailHash") String emailHash);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query(STRONG_KEYS)
    List<Customer> lockByKeys(@Param("normalizedName") String normalizedName, @Param("creditCode") String creditCode,
                              @Param("phoneHash") String phoneHash, @Param("emailHash") String emailHash);

    /** Customers sharing a strong key; phone and email normalised (they are matched by their blind index). */
    default List<Customer> findByStrongKeys(String normalizedName, String creditCode, String phone, String email) {
        ContactCrypto crypto = ContactCrypto.get();
        return findByKeys(normalizedName, creditCode, crypto.blindIndex(phone), crypto.blindIndex(email));
    }

    /** The same, locking the rows so a concurrent grant of the same customer waits for this one. */
    default List<Customer> lockByStrongKeys(String normalizedName, String creditCode, String phone, String email) {
        ContactCrypto crypto = ContactCrypto.get();
        return lockByKeys(normalizedName, creditCode, crypto.blindIndex(phone), crypto.blindIndex(email));
    }

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Customer c where c.id = :id")
    Optional<Customer> lockById(@Param("id") Long id);

    long countByOwnerAndStatus(String owner, CustomerStatus status);

    Page<Customer> findByOwner(String owner, Pageable pageable);

    @Query("select c from Customer c where c.ownerTeam in :teams or c.owner = :username")
    Page<Customer> findVisibleToManager(@Param("username") String username,
                                        @Param("teams") Collection<String> teams, Pageable pageable);
}
