package io.baobei.customer;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import io.baobei.privacy.ContactCrypto;

public interface CustomerRepository extends JpaRepository<Customer, Long>, JpaSpecificationExecutor<Customer> {

    /**
     * Customers sharing a strong key. A union of single-column lookups, so every branch uses its own index
     * (an OR across columns makes H2 scan the whole table); absent keys are passed as '' and match nothing.
     * A merged customer answers with its survivor (merged_into_id): the company is the survivor now, and the
     * merged row keeps its unique name, so a new customer of that name could not be inserted anyway.
     */
    String STRONG_KEY_IDS = """
            select coalesce(merged_into_id, id) from customer where normalized_name = :normalizedName
            union select coalesce(merged_into_id, id) from customer where credit_code = :creditCode
            union select coalesce(merged_into_id, id) from customer where phone_hash = :phoneHash
            union select coalesce(merged_into_id, id) from customer where email_hash = :emailHash""";

    String STRONG_KEYS = "select c.* from customer c where c.id in (" + STRONG_KEY_IDS + ") order by c.id";

    /** The ids of the customers sharing a strong key: the duplicate check reads the rows it needs itself. */
    @Query(value = STRONG_KEY_IDS, nativeQuery = true)
    List<Long> findIdsByKeys(@Param("normalizedName") String normalizedName, @Param("creditCode") String creditCode,
                             @Param("phoneHash") String phoneHash, @Param("emailHash") String emailHash);

    @Query(value = STRONG_KEYS, nativeQuery = true)
    List<Customer> findByKeys(@Param("normalizedName") String normalizedName, @Param("creditCode") String creditCode,
                              @Param("phoneHash") String phoneHash, @Param("emailHash") String emailHash);

    /** The same, locking the rows so a concurrent grant of the same customer waits for this one. */
    @Query(value = STRONG_KEYS + " for update", nativeQuery = true)
    List<Customer> lockByKeys(@Param("normalizedName") String normalizedName, @Param("creditCode") String creditCode,
                              @Param("phoneHash") String phoneHash, @Param("emailHash") String emailHash);

    /** Customers sharing a strong key; phone and email normalised (they are matched by their blind index). */
    default List<Customer> findByStrongKeys(String normalizedName, String creditCode, String phone, String email) {
        ContactCrypto crypto = ContactCrypto.get();
        return findByKeys(orNone(normalizedName), orNone(creditCode), orNone(crypto.blindIndex(phone)),
                orNone(crypto.blindIndex(email)));
    }

    /** The ids of the customers sharing a strong key; phone and email normalised. */
    default List<Long> findIdsByStrongKeys(String normalizedName, String creditCode, String phone, String email) {
        ContactCrypto crypto = ContactCrypto.get();
        return findIdsByKeys(orNone(normalizedName), orNone(creditCode), orNone(crypto.blindIndex(phone)),
                orNone(crypto.blindIndex(email)));
    }

    /** The same, locking the rows so a concurrent grant of the same customer waits for this one. */
    default List<Customer> lockByStrongKeys(String normalizedName, String creditCode, String phone, String email) {
        ContactCrypto crypto = ContactCrypto.get();
        return lockByKeys(orNone(normalizedName), orNone(creditCode), orNone(crypto.blindIndex(phone)),
                orNone(crypto.blindIndex(email)));
    }

    private static String orNone(String key) {
        return key == null ? "" : key;
    }

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Customer c where c.id = :id")
    Optional<Customer> lockById(@Param("id") Long id);

    long countByOwnerAndStatus(String owner, CustomerStatus status);

    Page<Customer> findByOwner(String owner, Pageable pageable);

    @Query("select c from Customer c where c.ownerTeam in :teams or c.owner = :username")
    Page<Customer> findVisibleToManager(@Param("username") String username,
                                        @Param("teams") Collection<String> teams, Pageable pageable);

    /**
     * 我的客户's order: the next follow-up due first, then the end of protection, customers without them last. Written
     * out because a Criteria query (derived queries) cannot say "nulls last", and H2 and PostgreSQL differ on it.
     */
    String MOST_URGENT_FIRST = " order by case when c.nextFollowUpDue is null then 1 else 0 end, c.nextFollowUpDue,"
            + " case when c.protectedUntil is null then 1 else 0 end, c.protectedUntil, c.id";

    @Query(value = "select c from Customer c where c.owner = :owner" + MOST_URGENT_FIRST,
            countQuery = "select count(c) from Customer c where c.owner = :owner")
    Page<Customer> findByOwnerMostUrgentFirst(@Param("owner") String owner, Pageable pageable);

    @Query(value = "select c from Customer c where c.ownerTeam in :teams or c.owner = :username" + MOST_URGENT_FIRST,
            countQuery = "select count(c) from Customer c where c.ownerTeam in :teams or c.owner = :username")
    Page<Customer> findVisibleToManagerMostUrgentFirst(@Param("username") String username,
                                                       @Param("teams") Collection<String> teams, Pageable pageable);

    /** Every customer but the merged ones (closed duplicates: 已合并), the admin's 我的客户. */
    @Query(value = "select c from Customer c where c.status <> io.baobei.customer.CustomerStatus.MERGED"
            + MOST_URGENT_FIRST, countQuery = "select count(c) from Customer c"
            + " where c.status <> io.baobei.customer.CustomerStatus.MERGED")
    Page<Customer> findAllMostUrgentFirst(Pageable pageable);

    /** Every customer but the merged ones, the admin's GET /api/customers. */
    Page<Customer> findByStatusNot(CustomerStatus status, Pageable pageable);

    /** Customers merged earlier into {@code from} now point at {@code to}, which {@code from} was merged into. */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = false)
    @Query("update Customer c set c.mergedIntoId = :to where c.mergedIntoId = :from")
    int repointMerged(@Param("from") Long from, @Param("to") Long to);

    boolean existsById(Long id);
}
