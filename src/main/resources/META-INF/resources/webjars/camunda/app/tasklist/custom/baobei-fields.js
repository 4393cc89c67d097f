// Baobei: what the server says for each rule of the registration forms' fields (customer.CustomerFields),
// word for word, for custom/baobei-zh.js to show under the field instead of Camunda Forms' English.
// Generated from the definitions: customer/FormFieldRulesTest fails when this file differs and prints it.
window.baobeiFieldMessages = {
  "companyName": {"required": "请填写公司名称", "minLength": "公司名称至少需要两个有效字符", "maxLength": "公司名称不能超过 100 个字符"},
  "creditCode": {"maxLength": "统一社会信用代码不能超过 25 个字符"},
  "contactName": {"required": "请填写联系人", "maxLength": "联系人不能超过 50 个字符"},
  "phone": {"required": "请填写联系电话", "maxLength": "联系电话不能超过 30 个字符"},
  "email": {"maxLength": "邮箱不能超过 100 个字符", "pattern": "邮箱格式不正确，如 name@example.com"},
  "industry": {"required": "请选择所属行业"},
  "region": {"required": "请填写所在地区", "maxLength": "所在地区不能超过 50 个字符"},
  "grade": {"required": "请选择意向等级"},
  "firstContactDate": {"required": "请填写首次接触日期"},
  "notes": {"maxLength": "需求/备注不能超过 2000 个字符"}
};
