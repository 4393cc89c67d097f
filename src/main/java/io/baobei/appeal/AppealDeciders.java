package io.baobei.appeal;

import java.util.Objects;

import org.springframework.stereotype.Component;

import io.baobei.common.BusinessRuleException;
import io.baobei.identity.Actor;
import io.baobei.identity.Groups;
import io.baobei.identity.UserDirectory;

/**
 * Who decides an appeal. The managers of the appellant's team decide a dispute inside their team; when the customer's
 * owner is in another team, neither team's manager is neutral, so the directors (销售总监, {@link Groups#SALES_DIRECTORS})
 * arbitrate. After the escalation timer the directors may decide any appeal. Nobody decides an appeal they filed or one
 * about a customer they hold (or held when it was filed); admins may decide the others.
 */
@Component
public class AppealDeciders {

    static final String NOT_A_DECIDER = "只有报备销售所在团队的主管（客户归属其他团队时为销售总监；申诉超时后销售总监也可）才能裁决该申诉";
    static final String OWN_CUSTOMER = "您是该客户的归属人，不能裁决关于自己客户的申诉";
    static final String OWN_APPEAL = "不能裁决自己提出的申诉";

    private final UserDirectory directory;

    public AppealDeciders(UserDirectory directory) {
        this.directory = directory;
    }

    /** The candidate group of the decision task, fixed when the appeal is filed. */
    public String groupFor(String appellantTeam, String ownerTeam) {
        return ownerTeam == null || Objects.equals(ownerTeam, appellantTeam) ? Groups.reviewersOf(appellantTeam)
                : Groups.SALES_DIRECTORS;
    }

    /**
     * Whether {@code user} is a party to the appeal and may therefore neither decide nor be asked to: the appellant,
     * the customer's owner now or when the appeal was filed.
     */
    static boolean party(String user, Appeal appeal, String currentOwner) {
        return user.equals(appeal.getAppellant()) || user.equals(currentOwner)
                || user.equals(appeal.getOwnerAtFiling());
    }

    /** Why {@code user} may not decide {@code appeal} about a customer now held by {@code currentOwner}, or null. */
    public String refusal(String user, Appeal appeal, String currentOwner) {
        if (user == null) {
            return NOT_A_DECIDER;
        }
        if (party(user, appeal, currentOwner)) {
            return user.equals(appeal.getAppellant()) ? OWN_APPEAL : OWN_CUSTOMER;
        }
        Actor actor = directory.actor(user);
        boolean decider = actor.isAdmin() || directory.isMember(user, appeal.getDeciderGroup())
                || appeal.getEscalatedAt() != null && directory.isMember(user, Groups.SALES_DIRECTORS);
        return decider ? null : NOT_A_DECIDER;
    }

    /** Refuses (409 in the API, the message on the form in Tasklist) unless {@code user} may decide. */
    public void check(String user, Appeal appeal, String currentOwner) {
        String refusal = refusal(user, appeal, currentOwner);
        if (refusal != null) {
            throw new BusinessRuleException(refusal);
        }
    }
}
