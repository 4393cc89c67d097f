package io.baobei.registration;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.baobei.BaobeiProperties;
import io.baobei.common.BusinessRuleException;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A rep may hold at most baobei.quota.max-protected-per-rep protected customers. */
class RegistrationServiceQuotaTest {

    private final CustomerRepository customers = mock(CustomerRepository.class);
    private final RegistrationService service = new RegistrationService(mock(RegistrationRepository.class),
            mock(RegistrationMatchRepository.class), customers, null, null, null,
            new BaobeiProperties(new BaobeiProperties.Quota(3), null), null, Clock.systemUTC());

    @Test
    void belowTheQuotaARepMayRegister() {
        when(customers.countByOwnerAndStatus("rep", CustomerStatus.PROTECTED)).thenReturn(2L);
        assertThatCode(() -> service.checkQuota("rep")).doesNotThrowAnyException();
    }

    @Test
    void atTheQuotaTheRegistrationIsRefusedWithTheLimit() {
        when(customers.countByOwnerAndStatus("rep", CustomerStatus.PROTECTED)).thenReturn(3L);
        assertThatThrownBy(() -> service.checkQuota("rep")).isInstanceOf(BusinessRuleException.class)
                .hasMessageContaining("已达上限（3 个）");
    }
}
