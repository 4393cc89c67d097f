package io.baobei.engine;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up: tasks opened by an earlier version carry their card copy of the company name under the process
 * variable's own name, {@code companyName}, where it shadows the process variable (a rename in 修改报备 would be
 * lost). Each such copy moves to {@link TaskCardListener#CARD_COMPANY_NAME}, so those tasks keep their name on the
 * card and their forms write to the process. Costs one task query when there is nothing left to move.
 */
@Component
@Order(1)
public class TaskCardUpgrade implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskCardUpgrade.class);
    private static final int BATCH = 200;

    private final TaskService taskService;

    public TaskCardUpgrade(TaskService taskService) {
        this.taskService = taskService;
    }

    @Override
    public void run(ApplicationArguments args) {
        int moved = moveOldCardCopies();
        if (moved > 0) {
            LOG.info("Moved the card company name of {} open tasks to {}", moved, TaskCardListener.CARD_COMPANY_NAME);
        }
    }

    /** Moves every task-local {@code companyName} to the card variable; returns how many tasks it changed. */
    public int moveOldCardCopies() {
        int moved = 0;
        while (true) {
            // a task-variable condition matches task-local variables only, never the process variable
            List<Task> tasks = taskService.createTaskQuery()
                    .taskVariableValueLike(TaskCardListener.COMPANY_NAME, "%").listPage(0, BATCH);
            if (tasks.isEmpty()) {
                return moved;
            }
            for (Task task : tasks) {
                Object name = taskService.getVariableLocal(task.getId(), TaskCardListener.COMPANY_NAME);
                if (taskService.getVariableLocal(task.getId(), TaskCardListener.CARD_COMPANY_NAME) == null) {
                    taskService.setVariableLocal(task.getId(), TaskCardListener.CARD_COMPANY_NAME, name);
                }
                taskService.removeVariableLocal(task.getId(), TaskCardListener.COMPANY_NAME);
                moved++;
            }
        }
    }
}
