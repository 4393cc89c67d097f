package io.baobei.importing;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerImportRepository extends JpaRepository<CustomerImport, Long> {
}
