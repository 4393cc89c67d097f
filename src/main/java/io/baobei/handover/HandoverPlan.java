package io.baobei.handover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Grade;

/**
 * Who gets which customer. Deterministic (customers in id order, receivers in the order given), so the preview and
 * the confirmed plan agree when nothing changed in between. The quota is not part of the distribution: a receiver at
 * capacity is reported per customer, never silently replaced by another.
 */
final class HandoverPlan {

    /** One customer and where it goes; {@code target} null: the pool. */
    record Assignment(Long customerId, Grade grade, boolean countsForQuota, String target) {
    }

    private HandoverPlan() {
    }

    static List<Assignment> distribute(List<Customer> held, HandoverMode mode, List<String> receivers) {
        List<Customer> ordered = held.stream().sorted(Comparator.comparing(Customer::getId)).toList();
        List<Assignment> plan = new ArrayList<>(ordered.size());
        switch (mode) {
            case POOL -> ordered.forEach(c -> plan.add(assignment(c, null)));
            case ONE -> ordered.forEach(c -> plan.add(assignment(c, receivers.get(0))));
            case EVEN -> {
                for (int i = 0; i < ordered.size(); i++) {
                    plan.add(assignment(ordered.get(i), receivers.get(i % receivers.size())));
                }
            }
            case BY_GRADE -> {
                // each grade in turn, the rotation carried on from one grade to the next: every receiver gets each
                // grade's customers evenly (at most one apart) and the totals stay at most one apart as well
                Map<Grade, List<Customer>> byGrade = new TreeMap<>();
                ordered.forEach(c -> byGrade.computeIfAbsent(c.getGrade(), g -> new ArrayList<>()).add(c));
                int next = 0;
                for (List<Customer> grade : byGrade.values()) {
                    for (Customer c : grade) {
                        plan.add(assignment(c, receivers.get(next++ % receivers.size())));
                    }
                }
                plan.sort(Comparator.comparing(Assignment::customerId));
            }
        }
        return plan;
    }

    private static Assignment assignment(Customer customer, String target) {
        return new Assignment(customer.getId(), customer.getGrade(),
                customer.getStatus() == CustomerStatus.PROTECTED, target);
    }
}
