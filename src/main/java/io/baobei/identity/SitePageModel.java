package io.baobei.identity;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The header of every {@link SitePage}: who is signed in, by name, and as what. */
@ControllerAdvice(annotations = SitePage.class)
class SitePageModel {

    /** What the header shows of the signed-in person. */
    record SignedIn(String name, String roleLabel) {
    }

    private final UserDirectory directory;

    SitePageModel(UserDirectory directory) {
        this.directory = directory;
    }

    @ModelAttribute("signedIn")
    SignedIn signedIn() {
        Actor actor = directory.currentActor();
        String role = switch (actor.role()) {
            case REP -> "销售";
            case MANAGER -> "销售主管";
            case ADMIN -> "管理员";
        };
        return new SignedIn(directory.name(actor.username()), role);
    }
}
