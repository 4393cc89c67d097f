package io.baobei.identity;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The site root opens Tasklist, where reps and managers work. */
@Controller
public class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:" + SecurityConfig.TASKLIST;
    }
}
