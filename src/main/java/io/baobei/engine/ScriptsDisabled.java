package io.baobei.engine;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.scripting.ExecutableScript;
import org.camunda.bpm.engine.impl.scripting.ScriptFactory;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.springframework.stereotype.Component;

/**
 * No scripts run in Baobei (Camunda's security guidance: limit script engines to what the models use, and
 * they use none). A model with a script task, script listener, script condition or script input/output is
 * refused when it is deployed, with a message saying why; a DMN expression in a script language finds no
 * engine. Rules belong in DMN (FEEL) and in Java services.
 */
@Component
public class ScriptsDisabled extends AbstractProcessEnginePlugin {

    static final String REFUSAL = "Baobei 不执行脚本（script language %s）：请把规则写在 DMN 或 Java 服务中";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setScriptFactory(new RefusingScriptFactory());
        configuration.setScriptEngineResolver(new NoScriptEngines());
        configuration.setEnableScriptEngineLoadExternalResources(false);
    }

    /** Called by the BPMN parser for every script element, so a deployment with one fails to parse. */
    private static final class RefusingScriptFactory extends ScriptFactory {
        @Override
        public ExecutableScript createScriptFromResource(String language, String resource) {
            throw refused(language);
        }

        @Override
        public ExecutableScript createScriptFromResource(String language, Expression resourceExpression) {
            throw refused(language);
        }

        @Override
        public ExecutableScript createScriptFromSource(String language, String source) {
            throw refused(language);
        }

        @Override
        public ExecutableScript createScriptFromSource(String language, Expression sourceExpression) {
            throw refused(language);
        }

        private static ProcessEngineException refused(String language) {
            return new ProcessEngineException(REFUSAL.formatted(language));
        }
    }

    /** Also what DMN asks for an expression language other than FEEL and JUEL: there is none. */
    private static final class NoScriptEngines implements ScriptEngineResolver {
        private final ScriptEngineManager empty = new ScriptEngineManager(null);

        @Override
        public void addScriptEngineFactory(ScriptEngineFactory scriptEngineFactory) {
            // engines that libraries try to register are not accepted
        }

        @Override
        public ScriptEngineManager getScriptEngineManager() {
            return empty;
        }

        @Override
        public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
            return null;
        }
    }
}
