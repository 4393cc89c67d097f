package io.baobei.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/** The Chinese login page in front of Tasklist, Cockpit and Admin. */
@Controller
public class LoginPageController {

    private final String template;

    public LoginPageController() {
        try {
            template = new ClassPathResource("templates/login.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    @ResponseBody
    String login(CsrfToken csrf, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String throttled, @RequestParam(required = false) String logout) {
        // a wrong password and Camunda's per-account delay look the same, so the page does not tell who exists
        String notice = error != null ? "<p class=\"notice error\" role=\"alert\">用户名或密码错误，或尝试次数过多请稍后再试。</p>"
                : throttled != null ? "<p class=\"notice error\" role=\"alert\">"
                        + LoginThrottledException.MESSAGE + "。</p>"
                : logout != null ? "<p class=\"notice\">您已退出登录。</p>" : "";
        return template
                .replace("{{notice}}", notice)
                .replace("{{csrfParameter}}", HtmlUtils.htmlEscape(csrf.getParameterName()))
                .replace("{{csrfToken}}", HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
