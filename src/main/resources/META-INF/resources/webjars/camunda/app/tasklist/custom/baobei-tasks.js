// Baobei: what Tasklist tells the user around a form, beyond Camunda's own notifications.
//  1. A refusal by the server (e.g. "联系电话格式不正确…") appears under the form field it concerns and beside the
//     submit button, where the user is looking; Camunda shows it only at the top of the dialog or page. The server's
//     error body names the fields (engine/EngineRestErrors: {"message", "errors": [{"field", "message"}]}); a
//     form-js field is found by its id, which ends in "Field_<key>" in every Baobei form.
//  2. A confirmation after every decision: which task, which customer and what was chosen ("审核结果：批准"),
//     read from the form when it is submitted.
//  3. A group task (审核报备, 审批领取) opened by one of its candidates is claimed for them at once, visibly (Tasklist
//     shows the assignee and its own "任务已认领" notice), so the form can be filled without a separate 认领 step.
//     Its "×" stays available to give the task back to the group; a task given back is not claimed again.
//     Admins are never claimed for: they open tasks to look.
//  4. A task claimed that way and only looked at goes back to the group when the user moves on to another task or
//     filter: a manager browsing 待我审核 would otherwise hold every review they opened, hidden from colleagues as
//     theirs. Touching its form (typing, choosing) or completing it keeps it theirs, as does claiming it by hand.
// It observes Tasklist's own requests (XMLHttpRequest) and never sends a form itself. No eval, no inline code.
(function () {
  'use strict';

  var SUBMIT = /\/camunda\/api\/engine\/engine\/[^/]+\/(task|process-definition)\/.+\/submit-form(\?|$)/;
  var GIVEN_BACK_KEY = 'baobei.givenBackTasks';

  // ---- observing Tasklist's requests ----
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.baobeiSubmit = method && method.toUpperCase() === 'POST' && SUBMIT.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.baobeiSubmit) {
      var context = submission();
      clearRefusals(context.form);
      this.addEventListener('load', function () {
        if (this.status >= 200 && this.status < 300) {
          confirm(context);
        } else {
          showRefusal(context, this.status, this.responseText);
        }
      });
    }
    return send.apply(this, arguments);
  };

  // ---- what is being submitted ----
  function visible(element) {
    return element && element.offsetParent !== null;
  }

  function startDialog() {
    var dialog = document.querySelector('.modal-content');
    return visible(dialog) && dialog.querySelector('.fjs-form') ? dialog : null;
  }

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  function fieldOf(form, key) {
    if (!form || !/^[A-Za-z0-9_]+$/.test(key)) return null;
    var input = form.querySelector('[id$="Field_' + key + '"]');
    return input ? input.closest('.fjs-form-field') : null;
  }

  function submission() {
    var dialog = startDialog();
    var container = dialog || document.querySelector('.task-card');
    var form = container ? container.querySelector('.fjs-form') : null;
    var title = dialog
        ? text(dialog.querySelector('.modal-title')).replace(/^[^:：]*[:：]\s*/, '')
        : text(document.querySelector('.task-card .names h2'));
    var company = form ? form.querySelector('[id$="Field_companyName"]') : null;
    var choices = [];
    if (form && !dialog) {
      var radios = form.querySelectorAll('.fjs-form-field-radio');
      for (var i = 0; i < radios.length; i++) {
        var checked = radios[i].querySelector('input:checked');
        if (!checked) continue;
        var label = text(radios[i].querySelector('.fjs-form-field-label')).replace(/\*$/, '');
        var option = checked.closest('label') || radios[i].querySelector('label[for="' + checked.id + '"]');
        choices.push(label + '：' + text(option));
      }
    }
    return {
      start: !!dialog,
      container: container,
      form: form,
      title: title,
      company: company ? company.value.trim() : '',
      choices: choices,
      button: container ? container.querySelector(dialog ? '.modal-footer .btn-primary' : '.form-actions .btn-primary') : null
    };
  }

  // ---- confirmation ----
  function confirm(context) {
    var subject = '「' + (context.title || '任务') + '」' + (context.company ? '（' + context.company + '）' : '');
    var message = context.start
        ? '已提交' + subject + '。后续结果会出现在“我的任务”中。'
        : '已完成' + subject + (context.choices.length ? '，' + context.choices.join('；') : '') + '。';
    toast(message, 'success');
  }

  function toast(message, kind) {
    var old = document.querySelector('.baobei-toast');
    if (old) old.remove();
    var box = document.createElement('div');
    box.className = 'baobei-toast baobei-toast-' + kind;
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    var body = document.createElement('span');
    body.textContent = message;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'baobei-toast-close';
    close.setAttribute('aria-label', '关闭');
    close.textContent = '×';
    close.addEventListener('click', function () { box.remove(); });
    box.appendChild(body);
    box.appendChild(close);
    document.body.appendChild(box);
    window.setTimeout(function () { box.remove(); }, 12000);
  }

  // ---- refusals beside the fields ----
  function clearRefusals(form) {
    var scope = form ? (form.closest('.modal-content') || form.closest('.task-card') || document) : document;
    var old = scope.querySelectorAll('.baobei-field-error, .baobei-submit-error');
    for (var i = 0; i < old.length; i++) old[i].remove();
  }

  function note(className, message) {
    var element = document.createElement('div');
    element.className = className;
    element.setAttribute('role', 'alert');
    element.textContent = message;
    return element;
  }

  function showRefusal(context, status, responseText) {
    var body = {};
    try { body = JSON.parse(responseText) || {}; } catch (e) { body = {}; }
    var message = body.message || (status === 0 ? '网络连接失败，请检查网络后重试' : '提交未成功，请稍后重试');
    var first = null;
    var errors = Array.isArray(body.errors) ? body.errors : [];
    for (var i = 0; i < errors.length; i++) {
      var field = fieldOf(context.form, String(errors[i].field || ''));
      if (!field || !errors[i].message) continue;
      field.appendChild(note('baobei-field-error', errors[i].message));
      first = first || field;
    }
    if (context.button && context.button.parentNode) {
      context.button.parentNode.insertBefore(note('baobei-submit-error', message), context.button.parentNode.firstChild);
    }
    if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  // a field's server message goes as soon as the user changes that field
  document.addEventListener('input', function (event) {
    var field = event.target.closest && event.target.closest('.fjs-form-field');
    var stale = field ? field.querySelector('.baobei-field-error') : null;
    if (stale) stale.remove();
  }, true);

  // ---- claiming group tasks on opening ----
  var admin = true; // until the server says otherwise: never claim for someone we do not know
  var attempted = {};

  function givenBack() {
    try { return JSON.parse(window.sessionStorage.getItem(GIVEN_BACK_KEY)) || {}; } catch (e) { return {}; }
  }

  function rememberGivenBack(taskId) {
    var tasks = givenBack();
    tasks[taskId] = true;
    window.sessionStorage.setItem(GIVEN_BACK_KEY, JSON.stringify(tasks));
  }

  function openTaskId() {
    var match = /[?&]task=([0-9a-fA-F-]+)/.exec(window.location.hash);
    return match ? match[1] : null;
  }

  function isGroupTask(card) {
    // the group names' link; without groups Tasklist shows an "添加组" link (translate attribute) instead
    var groups = card.querySelector('[cam-tasklist-task-meta] li.groups a:not([translate])');
    return !!groups && text(groups) !== '';
  }

  function claimOnOpening() {
    var card = document.querySelector('.task-card');
    var taskId = openTaskId();
    if (!card || !taskId) return;
    card.classList.toggle('baobei-group-task', isGroupTask(card));
    if (admin || attempted[taskId] || givenBack()[taskId] || !isGroupTask(card)) return;
    var claim = card.querySelector('[cam-tasklist-task-meta] button.claim');
    if (!visible(claim) || claim.disabled) return;
    attempted[taskId] = true;
    lookedAt[taskId] = true;
    claim.click();
  }

  document.addEventListener('click', function (event) {
    var unclaim = event.target.closest && event.target.closest('[cam-tasklist-task-meta] .unclaim');
    var taskId = openTaskId();
    if (unclaim && taskId) {
      rememberGivenBack(taskId);
      delete lookedAt[taskId];
    }
  }, true);

  // ---- giving back a task claimed on opening and only looked at ----
  var me = null;
  var lookedAt = {}; // tasks claimed on opening whose form has not been touched
  var shownTask = null;

  function touched(event) {
    var taskId = openTaskId();
    if (taskId && event.target.closest && event.target.closest('.task-card .fjs-form')) delete lookedAt[taskId];
  }
  document.addEventListener('input', touched, true);
  document.addEventListener('change', touched, true);

  function engineName() {
    var match = /\/app\/tasklist\/([^/]+)\//.exec(window.location.pathname);
    return match ? match[1] : 'default';
  }

  function csrfToken() {
    var match = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(document.cookie);
    return match ? decodeURIComponent(match[1]) : null;
  }

  // only while it is still this user's: an admin may have given it to someone else meanwhile
  function giveBackIfMine(taskId) {
    delete lookedAt[taskId];
    delete attempted[taskId]; // opened again later, it is claimed again
    if (!me) return;
    var url = '/camunda/api/engine/engine/' + encodeURIComponent(engineName()) + '/task/' + encodeURIComponent(taskId);
    var check = new XMLHttpRequest();
    open.call(check, 'GET', url);
    check.setRequestHeader('Accept', 'application/json');
    check.addEventListener('load', function () {
      var task = null;
      try { task = JSON.parse(check.responseText); } catch (e) { task = null; }
      if (check.status !== 200 || !task || task.assignee !== me) return;
      var unclaim = new XMLHttpRequest();
      open.call(unclaim, 'POST', url + '/unclaim');
      unclaim.setRequestHeader('Accept', 'application/json');
      var token = csrfToken();
      if (token) unclaim.setRequestHeader('X-XSRF-TOKEN', token);
      send.call(unclaim);
    });
    send.call(check);
  }

  function movedOn() {
    var now = openTaskId();
    if (now === shownTask) return;
    var left = shownTask;
    shownTask = now;
    if (left && lookedAt[left]) giveBackIfMine(left);
  }

  var request = new XMLHttpRequest();
  open.call(request, 'GET', '/camunda/api/admin/auth/user/default');
  request.setRequestHeader('Accept', 'application/json');
  request.addEventListener('load', function () {
    try {
      var user = JSON.parse(request.responseText);
      admin = (user.authorizedApps || []).indexOf('admin') >= 0;
      me = user.userId || null;
    } catch (e) {
      admin = true;
    }
    schedule();
  });
  send.call(request);

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      claimOnOpening();
    });
  }

  function start() {
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    window.addEventListener('hashchange', schedule);
    window.addEventListener('hashchange', movedOn);
    shownTask = openTaskId();
    schedule();
  }

  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
