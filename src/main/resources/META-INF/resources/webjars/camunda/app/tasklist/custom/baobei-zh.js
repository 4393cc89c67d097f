// Baobei: Chinese for what Tasklist's locale file cannot reach.
// Camunda Forms (form-js, bundled in Camunda's lib/deps.js) hard-codes its validation messages, select and search
// placeholders in English and derives its date format from the browser; it has no translation hook. This script
// watches the page and replaces exactly the known English texts below (nothing else), localises the form-js date
// pickers (flatpickr: YYYY-MM-DD, 一月…十二月, weeks start on Monday) and names Baobei in the footer.
// No eval, no inline code: runs under the webapps' Content-Security-Policy.
(function () {
  'use strict';

  // ---- The one list of Camunda Forms texts replaced (exact, whole text of a node) ----
  var TEXTS = {
    'Field is required.': '此项为必填项。',
    'Field must be a valid email.': '请输入有效的电子邮箱地址。',
    'Field must be a valid  international phone number. (e.g. +4930664040900)': '请输入有效的电话号码。',
    'Value is expected to be an integer.': '请输入整数。',
    'Select': '请选择',
    'Search': '搜索',
    'No results': '无匹配结果',
    'Nothing to show.': '暂无内容。',
    'Section contains an error': '此部分有错误',
    'Section contains data': '此部分已填写'
  };
  // messages that carry a value: [English pattern, Chinese with $1/$2]
  var PATTERNS = [
    [/^Field must match pattern .*\.$/, '格式不正确。'],
    [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
    [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
    [/^Field must have minimum length of (\d+)\.$/, '至少需要 $1 个字符。'],
    [/^Field must have maximum length of (\d+)\.$/, '最多 $1 个字符。'],
    [/^Value is expected to have at most (\d+) decimal digits?\.$/, '最多 $1 位小数。'],
    [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
      '请输入有效值，最接近的有效值为 $1 和 $2。']
  ];
  // attributes form-js fills with English (aria-label / title / placeholder)
  var ATTRIBUTE_TEXTS = {
    'Increment': '增加',
    'Decrement': '减少',
    'Remove tag': '移除',
    'Search': '搜索',
    'Select': '请选择',
    'Clear content': '清空',
    'Previous page': '上一页',
    'Next page': '下一页',
    // flatpickr labels its month and year inputs once, before the locale is switched
    'Month': '月',
    'Year': '年',
    'Hour': '时',
    'Minute': '分'
  };
  var ATTRIBUTES = ['placeholder', 'aria-label', 'title'];
  var DATE_PLACEHOLDER = 'YYYY-MM-DD';

  // flatpickr locale (only the fields flatpickr shows); merged over its English defaults by flatpickr itself
  var FLATPICKR_ZH = {
    weekdays: {
      shorthand: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
      longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
    },
    months: {
      shorthand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
      longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
    },
    firstDayOfWeek: 1,
    rangeSeparator: ' 至 ',
    weekAbbreviation: '周',
    scrollTitle: '滚动切换',
    toggleTitle: '点击切换',
    yearAriaLabel: '年',
    monthAriaLabel: '月',
    hourAriaLabel: '时',
    minuteAriaLabel: '分',
    amPM: ['上午', '下午'],
    time_24hr: true,
    ordinal: function () { return ''; }
  };

  var FORM_ROOTS = '.fjs-container, .flatpickr-calendar';

  // Under a field of the registration forms, a refusal reads as the server would word it (custom/baobei-fields.js,
  // from customer.CustomerFields): "请填写公司名称" rather than a generic "此项为必填项。". The field is named by the id of
  // form-js's error box, "<form>-Field_<key>-error-message".
  var FIELD_RULES = [
    [/^Field is required\.$/, 'required'],
    [/^Field must have minimum length of \d+\.$/, 'minLength'],
    [/^Field must have maximum length of \d+\.$/, 'maxLength'],
    [/^Field must match pattern .*\.$/, 'pattern']
  ];
  var ERROR_BOX_ID = /-Field_([A-Za-z0-9_]+)-error-message$/;

  function fieldMessage(node, trimmed) {
    var messages = window.baobeiFieldMessages;
    var parent = node.parentNode;
    if (!messages || !parent || !parent.closest) return null;
    var box = parent.closest('.fjs-form-field-error');
    var match = box && ERROR_BOX_ID.exec(box.id || '');
    if (!match || !Object.prototype.hasOwnProperty.call(messages, match[1])) return null;
    for (var i = 0; i < FIELD_RULES.length; i++) {
      if (FIELD_RULES[i][0].test(trimmed)) return messages[match[1]][FIELD_RULES[i][1]] || null;
    }
    return null;
  }

  function translated(text, node) {
    var trimmed = text.trim();
    if (!trimmed) return null;
    var own = node ? fieldMessage(node, trimmed) : null;
    if (own) return text.replace(trimmed, own);
    if (Object.prototype.hasOwnProperty.call(TEXTS, trimmed)) return text.replace(trimmed, TEXTS[trimmed]);
    for (var i = 0; i < PATTERNS.length; i++) {
      if (PATTERNS[i][0].test(trimmed)) return text.replace(trimmed, trimmed.replace(PATTERNS[i][0], PATTERNS[i][1]));
    }
    return null;
  }

  function translateTextNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var zh = translated(node.data, node);
      if (zh !== null && zh !== node.data) node.data = zh;
    }
  }

  function translateAttributes(root) {
    var elements = root.querySelectorAll('[placeholder], [aria-label], [title]');
    for (var i = 0; i < elements.length; i++) {
      for (var j = 0; j < ATTRIBUTES.length; j++) {
        var value = elements[i].getAttribute(ATTRIBUTES[j]);
        if (value && Object.prototype.hasOwnProperty.call(ATTRIBUTE_TEXTS, value.trim())) {
          elements[i].setAttribute(ATTRIBUTES[j], ATTRIBUTE_TEXTS[value.trim()]);
        }
      }
    }
  }

  // form-js creates one flatpickr per date input (input._flatpickr) with a format taken from the browser locale;
  // switch it to ISO dates and Chinese names. form-js reads the picked Date objects, not the text, so its data
  // stays as it was (YYYY-MM-DD).
  function localiseDatePickers(root) {
    var inputs = root.querySelectorAll('input.flatpickr-input');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var picker = input._flatpickr;
      if (!picker || picker.baobeiZh) continue;
      picker.baobeiZh = true;
      picker.set({ locale: FLATPICKR_ZH, dateFormat: 'Y-m-d' });
      input.setAttribute('placeholder', DATE_PLACEHOLDER);
    }
  }

  function footer() {
    var footerElement = document.querySelector('footer[cam-widget-footer]');
    if (!footerElement || footerElement.querySelector('.baobei-footer')) return;
    var columns = footerElement.querySelectorAll('.row > div');
    if (columns.length < 2) return;
    var powered = columns[columns.length - 1];
    powered.textContent = '';
    var name = document.createElement('span');
    name.className = 'baobei-footer';
    name.textContent = 'Baobei 客户报备';
    powered.appendChild(name);
  }

  // Tasklist sorts by creation date (newest first) unless the address says otherwise, and shows that choice; the
  // filters list the most urgent first anyway (TasklistFilters), so open the list sorted by due date, as it is.
  var CREATED_FIRST = '[{"sortBy":"created","sortOrder":"desc"}]';
  var DUE_FIRST = '[{"sortBy":"dueDate","sortOrder":"asc"}]';
  var sortingSettled = false;
  function dueDateFirst() {
    var hash = window.location.hash;
    var query = hash.indexOf('?');
    if (sortingSettled || hash.indexOf('#/') !== 0 || query < 0) return;
    var params = new URLSearchParams(hash.substring(query + 1));
    if (!params.has('filter')) return;
    sortingSettled = true; // once per page: what the user picks afterwards stays
    var sorting = params.get('sorting');
    if (sorting && sorting !== CREATED_FIRST) return;
    params.set('sorting', DUE_FIRST);
    window.location.replace(hash.substring(0, query + 1) + params.toString());
  }

  // Tasklist writes a person as "firstName lastName"; a Chinese name is surname and given name without a space
  // ("王 建国" → "王建国"). Only in the places that show people, and only when both parts are Chinese.
  var PEOPLE = '.account .dropdown-toggle, [cam-tasklist-task-meta] li.assignee, .tasks-list .assignee';
  var SPACED_CHINESE_NAME = /^(\s*[\u3400-\u9fff\u00b7]{1,4}) ([\u3400-\u9fff\u00b7]{1,4}\s*)$/;
  function chineseNames() {
    var places = document.querySelectorAll(PEOPLE);
    for (var i = 0; i < places.length; i++) {
      var walker = document.createTreeWalker(places[i], NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var match = SPACED_CHINESE_NAME.exec(node.nodeValue);
        if (match) node.nodeValue = match[1] + match[2];
      }
    }
  }

  var scheduled = false;
  function run() {
    scheduled = false;
    var roots = document.querySelectorAll(FORM_ROOTS);
    for (var i = 0; i < roots.length; i++) {
      localiseDatePickers(roots[i]);
      translateTextNodes(roots[i]);
      translateAttributes(roots[i]);
    }
    footer();
    chineseNames();
    dueDateFirst();
  }

  // batch the page's mutations into one pass per frame; our own edits change only known English texts, so the
  // pass they trigger finds nothing left to do
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(run);
  }

  function start() {
    new MutationObserver(schedule).observe(document.body, {
      childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ['placeholder', 'aria-label', 'title', 'class']
    });
    schedule();
  }

  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
