package io.baobei.importing;

import java.util.stream.Stream;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerImportRowRepository extends JpaRepository<CustomerImportRow, Long> {

    Page<CustomerImportRow> findByImportIdOrderByRowNumber(Long importId, Pageable pageable);

    Stream<CustomerImportRow> streamByImportIdOrderByRowNumber(Long importId);
}
