// Baobei: links from Tasklist's top navigation to the site's own pages 我的客户 / 我的报备 / 公海 (Spring MVC pages
// on the same login). Inserted before the account menu of the header widget, and again whenever AngularJS
// re-renders the header. No eval, no inline code: runs under the webapps' Content-Security-Policy.
(function () {
  'use strict';

  var LINKS = [
    ['/customers', '我的客户'],
    ['/registrations', '我的报备'],
    ['/pool', '公海']
  ];

  function addLinks() {
    var menu = document.querySelector('nav.cam-nav.app-menu > ul');
    if (!menu || menu.querySelector('li.baobei-nav')) {
      return;
    }
    // right after the engine selector, which the header's template always renders: the account menu comes and goes
    // with AngularJS's ng-if, so it is no place to anchor to
    var engineSelect = menu.querySelector(':scope > li[engine-select]');
    var before = engineSelect ? engineSelect.nextSibling : menu.firstChild;
    LINKS.forEach(function (link) {
      var item = document.createElement('li');
      item.className = 'baobei-nav';
      var anchor = document.createElement('a');
      anchor.href = link[0];
      anchor.target = '_self'; // a full page load: AngularJS's router must not take the link
      anchor.textContent = link[1];
      item.appendChild(anchor);
      menu.insertBefore(item, before);
    });
  }

  new MutationObserver(addLinks).observe(document.documentElement, {childList: true, subtree: true});
  addLinks();
})();
