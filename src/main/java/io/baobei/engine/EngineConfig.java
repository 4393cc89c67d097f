package io.baobei.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.baobei.privacy.EncryptedStringVariable;
import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.RegistrationVariables;

/** Engine settings that cannot be expressed as properties in application.yml. */
@Configuration
public class EngineConfig {

    @Bean
    ProcessEnginePlugin personalDataHistoryPlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
                Set<String> personal = new HashSet<>(RegistrationVariables.CONTACT_FIELDS);
                personal.add(RegistrationVariables.CONTACT_SUMMARY);
                personal.addAll(ProtectionVariables.PERSONAL);
                personal.addAll(io.baobei.extension.ExtensionVariables.PERSONAL);
                levels.add(new PersonalDataHistoryLevel(personal));
                configuration.setCustomHistoryLevels(levels);
            }
        };
    }

    /** Contact data a task shows its user (修改报备) is stored encrypted, like the business tables' (privacy). */
    @Bean
    ProcessEnginePlugin encryptedVariablesPlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                List<TypedValueSerializer> serializers = configuration.getCustomPreVariableSerializers() == null
                        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreVariableSerializers());
                serializers.add(new EncryptedStringVariable.Serializer());
                configuration.setCustomPreVariableSerializers(serializers);
            }
        };
    }

    /** Every call into the engine from outside passes {@link EngineEntryGuard} (inside its transaction). */
    @Bean
    ProcessEnginePlugin engineEntryGuardPlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                EngineEntryGuard guard = new EngineEntryGuard();
                configuration.setCustomPostCommandInterceptorsTxRequired(with(configuration
                        .getCustomPostCommandInterceptorsTxRequired(), guard));
                configuration.setCustomPostCommandInterceptorsTxRequiresNew(with(configuration
                        .getCustomPostCommandInterceptorsTxRequiresNew(), new EngineEntryGuard()));
            }
        };
    }

    private static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor added) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(added);
        return interceptors;
    }
}
