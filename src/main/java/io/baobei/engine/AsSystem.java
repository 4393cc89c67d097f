package io.baobei.engine;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that are the system's own business (directory look-ups, policy decisions, starting or ending a
 * protection process for a change the ownership core has already checked) without the signed-in user's engine
 * authentication, then restores it. Without a user, Camunda's authorization checks and EngineEntryGuard do not
 * apply: only application code reaches this, never a request to the engine's own APIs.
 */
@Component
public class AsSystem {

    private final IdentityService identityService;

    public AsSystem(@Lazy IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T call(Supplier<T> work) {
        Authentication current = identityService.getCurrentAuthentication();
        if (current == null) {
            return work.get();
        }
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            identityService.setAuthentication(current);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
