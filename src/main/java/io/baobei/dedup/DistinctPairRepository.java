package io.baobei.dedup;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface DistinctPairRepository extends JpaRepository<DistinctPair, Long> {

    List<DistinctPair> findByNormalizedName(String normalizedName);

    boolean existsByNormalizedNameAndCustomerId(String normalizedName, Long customerId);
}
