package io.baobei.registration;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RegistrationMatchRepository extends JpaRepository<RegistrationMatch, Long> {

    List<RegistrationMatch> findByRegistrationIdOrderByScoreDesc(Long registrationId);

    @Modifying
    @Query("delete from RegistrationMatch m where m.registrationId = :registrationId")
    void deleteByRegistrationId(@Param("registrationId") Long registrationId);

    @Modifying
    @Query("delete from RegistrationMatch m where m.registrationId = :registrationId and m.customerId = :customerId")
    void deleteByRegistrationIdAndCustomerId(@Param("registrationId") Long registrationId,
                                             @Param("customerId") Long customerId);
}
