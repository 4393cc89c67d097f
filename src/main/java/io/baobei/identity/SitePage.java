package io.baobei.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the site's own pages (我的客户, 我的报备, 公海): their shared header needs the signed-in
 * person's name and role, which {@link SitePageModel} adds to the model of these controllers only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SitePage {
}
