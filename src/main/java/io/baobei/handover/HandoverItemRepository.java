package io.baobei.handover;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface HandoverItemRepository extends JpaRepository<HandoverItem, Long> {

    Optional<HandoverItem> findByHandoverIdAndSeq(Long handoverId, int seq);

    long countByHandoverIdAndState(Long handoverId, ItemState state);

    List<HandoverItem> findByHandoverIdAndStateOrderBySeqAsc(Long handoverId, ItemState state);
}
