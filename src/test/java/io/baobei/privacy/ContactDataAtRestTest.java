package io.baobei.privacy;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.baobei.registration.RegistrationForm;
import io.baobei.registration.RegistrationRepository;
import io.baobei.support.BaobeiSpringTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

import static org.assertj.core.api.Assertions.assertThat;

/** The registration's contact data is ciphertext in the database and clear text in the application. */
@BaobeiSpringTest
class ContactDataAtRestTest {

    @Autowired Processes processes;
    @Autowired JdbcTemplate jdbc;
    @Autowired RegistrationRepository registrations;

    @Test
    void contactDataIsEncryptedInTheTablesAndMatchedThroughTheBlindIndex() {
        String phone = Processes.uniqueMobile();
        RegistrationForm form = new RegistrationForm(Processes.uniqueName("加密测试"), null, "独一无二的联系人", phone,
                "unique.person@example.cn", "IT", "广东省深圳市", "B", java.time.LocalDate.now().toString(), null);
        ProcessInstance instance = processes.submit(TestIdentities.REP_A1, form);
        Long id = registrations.findByProcessInstanceId(instance.getId()).orElseThrow().getId();

        Map<String, Object> raw = jdbc.queryForMap("select contact_name, phone, email from registration where id = ?", id);
        assertThat(raw.values()).allSatisfy(v -> assertThat((String) v).startsWith(ContactCrypto.PREFIX));
        assertThat(raw.toString()).doesNotContain(phone).doesNotContain("独一无二的联系人").doesNotContain("unique.person");
        assertThat(registrations.findById(id).orElseThrow().getPhone()).isEqualTo(phone);
        assertThat(registrations.findById(id).orElseThrow().getContactName()).isEqualTo("独一无二的联系人");
    }
}
