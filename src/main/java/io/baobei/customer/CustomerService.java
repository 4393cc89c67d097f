package io.baobei.customer;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.NotFoundException;
import io.baobei.dedup.CompanyName;
import io.baobei.dedup.CompanyNames;
import io.baobei.identity.Actor;

/**
 * Customer reads, scoped to the caller: a rep sees their own customers (and the public pool), a manager
 * the customers of the teams they manage, an admin all. Out of scope answers exactly like "not there".
 */
@Service
@Transactional(readOnly = true)
public class CustomerService {

    private final CustomerRepository customers;

    public CustomerService(CustomerRepository customers) {
        this.customers = customers;
    }

    /** A customer the caller may look at (pool customers are public). */
    public Customer find(Long id, Actor actor) {
        Customer customer = customers.findById(id).orElseThrow(() -> new NotFoundException("客户", id));
        if (customer.getStatus() != CustomerStatus.POOL && !hasFullAccess(customer, actor)) {
            throw new NotFoundException("客户", id);
        }
        return customer;
    }

    /** A customer whose contact data and history the caller may see: owner, the team's manager, admin. */
    public Customer findWithDetails(Long id, Actor actor) {
        Customer customer = customers.findById(id).orElseThrow(() -> new NotFoundException("客户", id));
        if (!hasFullAccess(customer, actor)) {
            throw new NotFoundException("客户", id);
        }
        return customer;
    }

    public Page<Customer> list(Actor actor, Pageable pageable) {
        return switch (actor.role()) {
            case ADMIN -> customers.findByStatusNot(CustomerStatus.MERGED, pageable);
            case MANAGER -> customers.findVisibleToManager(actor.username(),
                    actor.managedTeams().isEmpty() ? List.of("") : actor.managedTeams(), pageable);
            case REP -> customers.findByOwner(actor.username(), pageable);
        };
    }

    /** The same scope as {@link #list}, most urgent first (CustomerRepository.MOST_URGENT_FIRST); unsorted pageable. */
    public Page<Customer> listMostUrgentFirst(Actor actor, int page, int size) {
        Pageable pageable = PageRequest.of(Math.max(0, page), size);
        return switch (actor.role()) {
            case ADMIN -> customers.findAllMostUrgentFirst(pageable);
            case MANAGER -> customers.findVisibleToManagerMostUrgentFirst(actor.username(),
                    actor.managedTeams().isEmpty() ? List.of("") : actor.managedTeams(), pageable);
            case REP -> customers.findByOwnerMostUrgentFirst(actor.username(), pageable);
        };
    }

    /** What a rep may filter the pool by; null or blank = any. */
    public record PoolFilter(String text, String industry, String region, Grade grade) {
    }

    /** 公海池 for any signed-in user: public by design, the API shows no contact data and no previous owner. */
    public Page<Customer> findInPool(PoolFilter filter, Pageable pageable) {
        // only the filters given become predicates: a "? is null" on an untyped parameter fails on PostgreSQL
        Specification<Customer> spec = (c, query, cb) -> cb.equal(c.get("status"), CustomerStatus.POOL);
        String text = blankToNull(filter.text());
        if (text != null) {
            CompanyName analysed = CompanyNames.analyze(text);
            String core = blankToNull(analysed.core());
            spec = spec.and((c, query, cb) -> {
                var byName = cb.like(c.get("companyName"), "%" + likeEscaped(text) + "%", '\\');
                if (core == null) {
                    return byName;
                }
                var byCore = cb.like(c.get("nameCore"), "%" + likeEscaped(core) + "%", '\\');
                if (analysed.region() != null) {
                    byCore = cb.and(byCore, cb.equal(c.get("nameRegion"), analysed.region()));
                }
                return cb.or(byName, byCore);
            });
        }
        String industry = blankToNull(filter.industry());
        if (industry != null) {
            spec = spec.and((c, query, cb) -> cb.equal(c.get("industry"), industry));
        }
        String region = blankToNull(filter.region());
        if (region != null) {
            spec = spec.and((c, query, cb) -> cb.like(c.get("region"), "%" + likeEscaped(region) + "%", '\\'));
        }
        if (filter.grade() != null) {
            spec = spec.and((c, query, cb) -> cb.equal(c.get("grade"), filter.grade()));
        }
        return customers.findAll(spec, pageable);
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Whether a customer of this id exists, whoever holds it (a claim of a customer just taken is LOST, not 404). */
    public boolean exists(Long id) {
        return customers.existsById(id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public long count() {
        return customers.count();
    }

    public static boolean hasFullAccess(Customer customer, Actor actor) {
        return actor.isAdmin() || actor.username().equals(customer.getOwner()) || actor.manages(customer.getOwnerTeam());
    }
}
