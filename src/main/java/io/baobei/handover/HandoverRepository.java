package io.baobei.handover;

import java.util.Collection;

import org.springframework.data.jpa.repository.JpaRepository;

interface HandoverRepository extends JpaRepository<Handover, Long> {

    boolean existsByFromUserAndStateIn(String fromUser, Collection<HandoverState> states);
}
