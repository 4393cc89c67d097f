package io.baobei.pool;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.customer.CustomerService;
import io.baobei.engine.AsSystem;
import io.baobei.identity.Actor;
import io.baobei.identity.Role;

import static io.baobei.pool.PoolClaimVariables.*;

/**
 * A claim through the REST API runs PoolClaimProcess from its message start event, with the signed-in rep as the
 * claimant: the same rules and steps as the Tasklist claim. Started as the system (a message start is not a form
 * a rep may submit to the engine) inside the request's transaction, so the answer is the claim as decided.
 */
@Service
class PoolClaimRequests {

    private final RuntimeService runtimeService;
    private final PoolClaimService claims;
    private final CustomerService customers;
    private final AsSystem asSystem;

    PoolClaimRequests(RuntimeService runtimeService, PoolClaimService claims, CustomerService customers,
                      AsSystem asSystem) {
        this.runtimeService = runtimeService;
        this.claims = claims;
        this.customers = customers;
        this.asSystem = asSystem;
    }

    @Transactional
    public PoolClaimService.ClaimView claim(Actor actor, Long customerId, String reason) {
        // as in Tasklist, where only reps may start PoolClaimProcess: managers and admins do not hold customers
        if (actor.role() != Role.REP) {
            throw new AccessDeniedException("only reps claim pool customers");
        }
        if (!customers.exists(customerId)) {
            throw new NotFoundException("客户", customerId);
        }
        try {
            PoolClaimService.reason(reason); // 400 before the engine is involved
        } catch (InvalidInputException e) {
            throw PoolClaimService.withApiFields(e);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(CLAIMANT, actor.username());
        variables.put(CHANNEL, CHANNEL_API);
        variables.put(CUSTOMER_ID, customerId.toString());
        variables.put(CLAIM_REASON, reason);
        ProcessInstance instance = asSystem.call(() -> runtimeService
                .createMessageCorrelation(MESSAGE_CLAIM_REQUESTED).setVariables(variables).correlateStartMessage());
        return claims.view(instance.getId());
    }
}
