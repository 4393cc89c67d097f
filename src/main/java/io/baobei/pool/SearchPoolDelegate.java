package io.baobei.pool;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import static io.baobei.pool.PoolClaimVariables.*;

/**
 * Task_SearchPool (synchronous: a refused search term is shown on the form): the options of the customer select,
 * as a JSON variable that the Camunda Form's select reads through its valuesKey.
 */
@Component
public class SearchPoolDelegate implements JavaDelegate {

    private final PoolClaimService service;
    private final ObjectMapper json;

    public SearchPoolDelegate(PoolClaimService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws JsonProcessingException {
        PoolClaimService.Options options = service.search(execution.getVariable(SEARCH_TEXT),
                execution.getVariable(SEARCH_INDUSTRY), execution.getVariable(SEARCH_REGION),
                execution.getVariable(SEARCH_GRADE));
        List<Map<String, String>> values = options.options();
        execution.setVariable(POOL_OPTIONS, SpinValues.jsonValue(json.writeValueAsString(values)).create());
        execution.setVariable(POOL_SEARCH_SUMMARY, options.summary());
        // a new search starts without a stale choice
        execution.removeVariable(CUSTOMER_ID);
    }
}
