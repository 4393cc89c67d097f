package io.baobei.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.support.BaobeiSpringTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No script runs in the engine: models with scripts are refused when deployed, and a decision table with a
 * script expression cannot be evaluated. An admin's /engine-rest deployment goes through the same parser.
 */
@BaobeiSpringTest
class ScriptsDisabledTest {

    @Autowired RepositoryService repositoryService;
    @Autowired DecisionService decisionService;

    @AfterEach
    void removeTestDeployments() {
        repositoryService.createDeploymentQuery().deploymentNameLike("script-test%").list()
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    }

    @Test
    void aScriptTaskIsRefusedAtDeployment() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("ScriptTaskProcess").camundaHistoryTimeToLive(1)
                .startEvent().scriptTask().scriptFormat("javascript").scriptText("java.lang.System.exit(1)")
                .endEvent().done();
        assertRefused(model, "ScriptTaskProcess");
    }

    @Test
    void aScriptListenerIsRefusedAtDeployment() {
        assertRefused(process("ScriptListenerProcess", """
                <startEvent id="StartEvent_1">
                  <extensionElements>
                    <camunda:executionListener event="start">
                      <camunda:script scriptFormat="groovy">'rm -rf /'.execute()</camunda:script>
                    </camunda:executionListener>
                  </extensionElements>
                </startEvent>
                <sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="EndEvent_1"/>
                <endEvent id="EndEvent_1"/>
                """), "ScriptListenerProcess");
    }

    @Test
    void aScriptConditionIsRefusedAtDeployment() {
        assertRefused(process("ScriptConditionProcess", """
                <startEvent id="StartEvent_1"/>
                <sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Gateway_1"/>
                <exclusiveGateway id="Gateway_1" default="Flow_No"/>
                <sequenceFlow id="Flow_Yes" sourceRef="Gateway_1" targetRef="EndEvent_1">
                  <conditionExpression xsi:type="tFormalExpression" language="javascript">true</conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="Flow_No" sourceRef="Gateway_1" targetRef="EndEvent_1"/>
                <endEvent id="EndEvent_1"/>
                """), "ScriptConditionProcess");
    }

    @Test
    void aDecisionWithAScriptExpressionCannotBeEvaluated() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_ScriptTest"
                             name="script test" namespace="http://camunda.org/schema/1.0/dmn">
                  <decision id="ScriptDecision" name="script">
                    <decisionTable id="DecisionTable_Script">
                      <input id="Input_1">
                        <inputExpression id="InputExpression_1" typeRef="string" expressionLanguage="javascript">
                          <text>java.lang.System.getenv("HOME")</text>
                        </inputExpression>
                      </input>
                      <output id="Output_1" name="out" typeRef="string"/>
                      <rule id="Rule_1">
                        <inputEntry id="InputEntry_1"><text>-</text></inputEntry>
                        <outputEntry id="OutputEntry_1"><text>"x"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """;
        repositoryService.createDeployment().name("script-test-dmn").addString("ScriptDecision.dmn", dmn).deploy();
        assertThatThrownBy(() -> decisionService.evaluateDecisionTableByKey("ScriptDecision", Variables.createVariables()))
                .isInstanceOf(ProcessEngineException.class);
    }

    private static BpmnModelInstance process(String key, String elements) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             id="Definitions_%1$s" targetNamespace="http://baobei.io/test">
                  <process id="%1$s" isExecutable="true" camunda:historyTimeToLive="1">
                %2$s
                  </process>
                </definitions>
                """.formatted(key, elements);
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRefused(BpmnModelInstance model, String key) {
        assertThatThrownBy(() -> repositoryService.createDeployment().name("script-test-" + key)
                .addModelInstance(key + ".bpmn", model).deploy())
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(messages(e)).contains("不执行脚本"));
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        if (e instanceof ParseException parse) {
            // (sic: the method's name in Camunda's API)
            parse.getResorceReports().forEach(report -> report.getErrors()
                    .forEach(problem -> all.append(problem.getMessage()).append('\n')));
        }
        return all.toString();
    }
}
