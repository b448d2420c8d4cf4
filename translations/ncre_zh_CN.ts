<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Cli</name>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>%1: complies</source>
        <translation>%1：符合要求</translation>
    </message>
    <message>
        <source>wrote %1 (%2 KB, %3×%4)</source>
        <translation>已写出 %1（%2 KB，%3×%4）</translation>
    </message>
    <message>
        <source>Usage:
  ncre-photo check [--json] [--verbose] [--] FILE...
  ncre-photo fix [--json] [--verbose] INPUT -o OUTPUT
  ncre-photo --version
Exit status: 0 all comply (or the fixed photo was written), 1 a photo does not comply (or cannot be fixed), 2 usage or file errors.
</source>
        <translation>用法：
  ncre-photo check [--json] [--verbose] [--] 文件...
  ncre-photo fix [--json] [--verbose] 输入 -o 输出
  ncre-photo --version
退出状态：0 全部符合（或已写出修正后的照片），1 有照片不符合（或无法修正），2 用法或文件错误。
</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有访问权限</translation>
    </message>
    <message>
        <source>%1: the fixed photo must go to another file; the original is kept as it is</source>
        <translation>%1：修正后的照片必须写到另一个文件，原照片保持不变</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <comment>file: code: message</comment>
        <translation>%1：%2：%3</translation>
    </message>
    <message>
        <source>-o is given twice</source>
        <translation>-o 给出了两次</translation>
    </message>
    <message>
        <source>-o needs the name of the file to write</source>
        <translation>-o 后面需要给出要写入的文件名</translation>
    </message>
    <message>
        <source>unknown option %1 (a file whose name starts with - goes after --)</source>
        <translation>未知选项 %1（以 - 开头的文件名请放在 -- 之后）</translation>
    </message>
    <message>
        <source>no command: use check or fix</source>
        <translation>缺少命令：请使用 check 或 fix</translation>
    </message>
    <message>
        <source>unknown command %1: use check or fix</source>
        <translation>未知命令 %1：请使用 check 或 fix</translation>
    </message>
    <message>
        <source>check needs at least one file</source>
        <translation>check 需要至少一个文件</translation>
    </message>
    <message>
        <source>-o belongs to fix; check writes nothing</source>
        <translation>-o 只用于 fix；check 不写文件</translation>
    </message>
    <message>
        <source>fix takes exactly one photo</source>
        <translation>fix 只处理一张照片</translation>
    </message>
    <message>
        <source>fix needs -o OUTPUT, the file to write</source>
        <translation>fix 需要 -o 输出，即要写入的文件</translation>
    </message>
</context>
<context>
    <name>ConfirmationSlip</name>
    <message>
        <source>On-site confirmation slip</source>
        <translation>现场确认回执</translation>
    </message>
    <message>
        <source>Exam</source>
        <translation>考次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Registration number</source>
        <translation>报名号</translation>
    </message>
    <message>
        <source>Test site</source>
        <translation>考点</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>报考科目</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>Keep this slip. Bring your identity document to the exam; print your admission ticket when ticket printing opens.</source>
        <translation>请妥善保管本回执。考试时请携带本人有效身份证件；准考证打印开放后请及时打印准考证。</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The request could not be understood. Please update NCRE Desk or try again.</source>
        <translation>服务器无法理解该请求。请更新 NCRE Desk 或稍后重试。</translation>
    </message>
    <message>
        <source>Some required information is missing.</source>
        <translation>缺少必填信息。</translation>
    </message>
    <message>
        <source>Some information has the wrong form.</source>
        <translation>部分信息格式不正确。</translation>
    </message>
    <message>
        <source>Some information is outside the allowed range.</source>
        <translation>部分信息超出允许的范围。</translation>
    </message>
    <message>
        <source>The request contains information the server does not accept.</source>
        <translation>请求中包含服务器不接受的信息。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>This is too short.</source>
        <translation>内容过短。</translation>
    </message>
    <message>
        <source>This is too long.</source>
        <translation>内容过长。</translation>
    </message>
    <message>
        <source>This does not have the expected format.</source>
        <translation>格式不正确。</translation>
    </message>
    <message>
        <source>Please choose one of the listed values.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <source>This contains characters that are not allowed.</source>
        <translation>包含不允许的字符。</translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters.</source>
        <translation>居民身份证号码应为18位。</translation>
    </message>
    <message>
        <source>A resident ID number has 17 digits followed by a digit or X.</source>
        <translation>居民身份证号码应为17位数字加1位数字或X。</translation>
    </message>
    <message>
        <source>The first digits of this number are not a valid region code.</source>
        <translation>号码前几位不是有效的地区代码。</translation>
    </message>
    <message>
        <source>The birth date in this number does not exist.</source>
        <translation>号码中的出生日期不存在。</translation>
    </message>
    <message>
        <source>The birth date in this number is in the future.</source>
        <translation>号码中的出生日期晚于今天。</translation>
    </message>
    <message>
        <source>This number is not valid: please check each digit (the last character does not match).</source>
        <translation>号码无效：请逐位核对（最后一位校验码不符）。</translation>
    </message>
    <message>
        <source>This document number does not have the format of the chosen document type.</source>
        <translation>证件号码与所选证件类型的格式不符。</translation>
    </message>
    <message>
        <source>The gender does not match the ID number.</source>
        <translation>性别与身份证号码不符。</translation>
    </message>
    <message>
        <source>The birth date does not match the ID number.</source>
        <translation>出生日期与身份证号码不符。</translation>
    </message>
    <message>
        <source>The birth date cannot be in the future.</source>
        <translation>出生日期不能晚于今天。</translation>
    </message>
    <message>
        <source>Choose at least one subject.</source>
        <translation>请至少选择一个科目。</translation>
    </message>
    <message>
        <source>You have chosen more subjects than this exam allows.</source>
        <translation>所选科目数超过本次考试允许的上限。</translation>
    </message>
    <message>
        <source>A subject was chosen twice.</source>
        <translation>有科目被重复选择。</translation>
    </message>
    <message>
        <source>A chosen subject is not offered at this test site.</source>
        <translation>所选科目在该考点未开考。</translation>
    </message>
    <message>
        <source>No seats are left for a chosen subject at this test site.</source>
        <translation>该考点所选科目已无剩余名额。</translation>
    </message>
    <message>
        <source>This cannot be done at the registration&apos;s current stage.</source>
        <translation>报名当前所处阶段不能进行此操作。</translation>
    </message>
    <message>
        <source>Your information is locked and can no longer be changed.</source>
        <translation>您的信息已锁定，不能再修改。</translation>
    </message>
    <message>
        <source>This is outside the published time window.</source>
        <translation>不在规定的时间范围内。</translation>
    </message>
    <message>
        <source>Please read and accept the registration agreement first.</source>
        <translation>请先阅读并同意报名协议。</translation>
    </message>
    <message>
        <source>The deadline for this has passed.</source>
        <translation>已超过截止时间。</translation>
    </message>
    <message>
        <source>The photo must be a JPEG file (*.jpg).</source>
        <translation>照片必须为 JPEG 格式（*.jpg）。</translation>
    </message>
    <message>
        <source>The photo file is smaller or larger than the allowed file size.</source>
        <translation>照片文件大小不在允许范围内。</translation>
    </message>
    <message>
        <source>The photo has fewer pixels than required.</source>
        <translation>照片像素不足。</translation>
    </message>
    <message>
        <source>The photo does not have the required portrait proportions.</source>
        <translation>照片的宽高比例不符合要求。</translation>
    </message>
    <message>
        <source>The photo must be in colour.</source>
        <translation>照片必须为彩色。</translation>
    </message>
    <message>
        <source>The photo is sideways or upside down.</source>
        <translation>照片为侧置或倒置。</translation>
    </message>
    <message>
        <source>Exactly one face, seen from the front, must be visible in the photo.</source>
        <translation>照片中必须有且仅有一张正面人脸。</translation>
    </message>
    <message>
        <source>The head is not placed as required (space above the head, size of the head).</source>
        <translation>头部位置不符合要求（头顶留白、头部大小）。</translation>
    </message>
    <message>
        <source>The photo file is damaged or is not an image.</source>
        <translation>照片文件已损坏或不是图片。</translation>
    </message>
    <message>
        <source>Please log in again.</source>
        <translation>请重新登录。</translation>
    </message>
    <message>
        <source>The account or password is wrong.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <source>The captcha is wrong or has expired. Please enter the new one.</source>
        <translation>验证码错误或已过期，请输入新的验证码。</translation>
    </message>
    <message>
        <source>Too many failed attempts. Please wait a while and try again.</source>
        <translation>失败次数过多，请稍后再试。</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>您无权进行此操作。</translation>
    </message>
    <message>
        <source>This account name is already taken.</source>
        <translation>该账号已被注册。</translation>
    </message>
    <message>
        <source>The password is too weak: use at least 8 characters mixing letters, digits and symbols.</source>
        <translation>密码强度不足：请使用至少8位字母、数字和符号的组合。</translation>
    </message>
    <message>
        <source>The request was refused by the server. Please update NCRE Desk or try again.</source>
        <translation>请求被服务器拒绝。请更新 NCRE Desk 或稍后重试。</translation>
    </message>
    <message>
        <source>This could not be found.</source>
        <translation>未找到相关内容。</translation>
    </message>
    <message>
        <source>A payment order is already open for this registration.</source>
        <translation>该报名已有未完成的支付订单。</translation>
    </message>
    <message>
        <source>The payment platform has not confirmed this payment yet.</source>
        <translation>支付平台尚未确认此笔支付。</translation>
    </message>
    <message>
        <source>This document is not available yet.</source>
        <translation>该文件暂不可下载。</translation>
    </message>
    <message>
        <source>The server is busy. NCRE Desk will try again shortly.</source>
        <translation>服务器繁忙，NCRE Desk 将稍后自动重试。</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Please try again later.</source>
        <translation>服务器出现问题，请稍后再试。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check your network connection.</source>
        <translation>无法连接服务器，请检查网络连接。</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器响应超时。</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified. The connection was not made.</source>
        <translation>无法验证服务器身份，未建立连接。</translation>
    </message>
    <message>
        <source>Something went wrong. Please try again later.</source>
        <translation>出现错误，请稍后再试。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a form field&apos;s label, %2 what is wrong with it.</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Some information is missing or invalid. Please check the marked fields.</source>
        <translation>部分信息缺失或无效，请检查标出的字段。</translation>
    </message>
    <message>
        <source>NCRE Desk cannot save on this computer. Check that the disk is not full.</source>
        <translation>NCRE Desk 无法在本机保存数据，请检查磁盘是否已满。</translation>
    </message>
    <message>
        <source>The saved data on this computer was damaged. It was set aside and NCRE Desk started afresh.</source>
        <translation>本机保存的数据已损坏，已另行保留，NCRE Desk 已重新开始。</translation>
    </message>
    <message>
        <source>Saved data could not be unlocked on this computer and was not used.</source>
        <translation>本机保存的数据无法解密，未被使用。</translation>
    </message>
    <message>
        <source>The transfer was cancelled.</source>
        <translation>传输已取消。</translation>
    </message>
    <message>
        <source>The downloaded file was incomplete or damaged. Please download it again.</source>
        <translation>下载的文件不完整或已损坏，请重新下载。</translation>
    </message>
    <message>
        <source>The photo&apos;s background is not one of the allowed colours.</source>
        <translation>照片背景不是允许的颜色。</translation>
    </message>
    <message>
        <source>This date does not exist: check the day and the month.</source>
        <translation>该日期不存在：请核对日和月。</translation>
    </message>
    <message>
        <source>The password must not contain the account name.</source>
        <translation>密码中不能包含账号名。</translation>
    </message>
    <message>
        <source>An account name starts with a letter (A-Z).</source>
        <translation>账号名须以字母（A-Z）开头。</translation>
    </message>
    <message>
        <source>An account name uses only letters, digits, «.» and «_».</source>
        <translation>账号名只能使用字母、数字、「.」 和 「_」。</translation>
    </message>
    <message>
        <source>An account name has at least 4 characters.</source>
        <translation>账号名至少 4 个字符。</translation>
    </message>
    <message>
        <source>An account name has at most 32 characters.</source>
        <translation>账号名最多 32 个字符。</translation>
    </message>
    <message>
        <source>A password has at least 8 characters.</source>
        <translation>密码至少 8 个字符。</translation>
    </message>
    <message>
        <source>An e-mail address looks like name@example.com.</source>
        <translation>电子邮箱的格式如 name@example.com。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits starting with 1 (or + and the country code).</source>
        <translation>手机号码为以 1 开头的 11 位数字（或以 + 加国家代码开头）。</translation>
    </message>
    <message>
        <source>A postal code has 6 digits.</source>
        <translation>邮政编码为 6 位数字。</translation>
    </message>
    <message>
        <source>A landline number starts with its area code, e.g. 010-12345678.</source>
        <translation>固定电话须以区号开头，例如 010-12345678。</translation>
    </message>
    <message>
        <source>Write the date as year-month-day, e.g. 2001-09-30.</source>
        <translation>请按“年-月-日”填写日期，例如 2001-09-30。</translation>
    </message>
    <message>
        <source>The registration server is busy; NCRE Desk tries again at %1.</source>
        <translation>报名服务器繁忙；NCRE Desk 将于 %1 重试。</translation>
    </message>
    <message>
        <source>The registration server&apos;s identity could not be verified; NCRE Desk tries again at %1.</source>
        <translation>无法验证报名服务器的身份；NCRE Desk 将于 %1 重试。</translation>
    </message>
    <message>
        <source>The registration server cannot be reached: check your network connection. NCRE Desk tries again at %1.</source>
        <translation>无法连接报名服务器：请检查网络连接。NCRE Desk 将于 %1 重试。</translation>
    </message>
    <message>
        <source>This document number is already registered with another account. If it is your own number, log in with the account you registered before; if you no longer know it, bring your ID document to your exam site, which can give that account back to you.</source>
        <translation>此证件号码已在另一个账号下报名。如果这是您本人的证件号码，请用您以前注册的账号登录；如果忘记了那个账号，请携带身份证件到考点，考点核实后可将该账号交还给您。</translation>
    </message>
    <message>
        <source>Too many different document numbers were tried from this account or this network today. Check your own number carefully and try again tomorrow, or ask your exam site for help.</source>
        <translation>今天从此账号或此网络尝试的证件号码过多。请仔细核对您本人的证件号码，明天再试，或向考点求助。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>the registration agreement</source>
        <translation>报名协议</translation>
    </message>
    <message>
        <source>the basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>the test site and subjects, and «Submit»</source>
        <translation>考点和报考科目，并「提交报考信息」</translation>
    </message>
    <message>
        <source>the photo</source>
        <translation>照片上传</translation>
    </message>
    <message>
        <source>the site&apos;s review</source>
        <translation>考点的信息审核</translation>
    </message>
    <message>
        <source>the payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Not yet: first complete %1.</source>
        <translation>还不能进行此操作：请先完成%1。</translation>
    </message>
    <message>
        <source>Two of the subjects you chose are examined at the same time: keep only one of them.</source>
        <translation>您选择的科目中有两门考试时间冲突：请只保留其中一门。</translation>
    </message>
    <message numerus="yes">
        <source>This needs at least %n character(s).</source>
        <translation>
            <numerusform>至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This takes at most %n character(s).</source>
        <translation>
            <numerusform>最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The registration server cannot store data at the moment. Nothing was changed; please try again in a few minutes.</source>
        <translation>报名服务器暂时无法保存数据，本次操作未生效。请过几分钟再试。</translation>
    </message>
    <message>
        <source>The new password is the same as the current one: choose another.</source>
        <translation>新密码与当前密码相同：请换一个。</translation>
    </message>
    <message>
        <source>This version of NCRE Desk is no longer accepted by the registration server. Install the new version from the download page; your draft is kept.</source>
        <translation>报名服务器已不再接受此版本的 NCRE Desk。请从下载页面安装新版本；已填写的内容会保留。</translation>
    </message>
    <message>
        <source>This password is too easy to guess (a common password, a keyboard pattern, or a word with digits added): choose another, e.g. a few unrelated words with a digit and a sign.</source>
        <translation>该密码太容易被猜中（常见密码、键盘排列，或单词加数字）：请换一个，例如几个不相关的词加上一个数字和一个符号。</translation>
    </message>
    <message>
        <source>The document could not be printed: the printer is not available. Please ask a member of staff; your documents stay on the server.</source>
        <translation>无法打印：打印机不可用。请联系工作人员；您的报名材料仍保存在服务器上。</translation>
    </message>
    <message>
        <source>The registration server cannot be reached from this terminal. If this lasts, please tell a member of staff.</source>
        <translation>本终端暂时无法连接报名服务器。如果持续如此，请联系工作人员。</translation>
    </message>
    <message>
        <source>This terminal cannot save your draft. Please tell a member of staff.</source>
        <translation>本终端无法保存您的草稿，请联系工作人员。</translation>
    </message>
    <message>
        <source>The registration server is busy; this terminal tries again at %1.</source>
        <translation>报名服务器繁忙，本终端将于 %1 重试。</translation>
    </message>
    <message>
        <source>The registration server cannot be reached from this terminal; it tries again at %1. If this lasts, please tell a member of staff.</source>
        <translation>本终端暂时无法连接报名服务器，将于 %1 重试。如果持续如此，请联系工作人员。</translation>
    </message>
    <message>
        <source>The connection was too slow: the registration server stopped waiting for the request. Nothing was changed; please try again.</source>
        <translation>网络连接太慢，报名服务器未能及时收到请求。没有做任何更改，请重试。</translation>
    </message>
    <message>
        <source>Your registration was changed elsewhere (in another window or at a test site) after you opened it. Nothing was saved: reload it, check it and try again.</source>
        <translation>您打开报名信息后，它已在别处（另一个窗口或考点）被修改。本次未保存：请重新载入，核对后再试。</translation>
    </message>
</context>
<context>
    <name>KioskCli</name>
    <message>
        <source>usage: ncre-desk --kiosk-set-pin [--kiosk-config FILE]</source>
        <translation>用法：ncre-desk --kiosk-set-pin [--kiosk-config 文件]</translation>
    </message>
    <message>
        <source>New staff PIN (6 to 12 digits): </source>
        <translation>新的工作人员 PIN（6 到 12 位数字）：</translation>
    </message>
    <message>
        <source>The same PIN again: </source>
        <translation>再输入一次同一 PIN：</translation>
    </message>
    <message>
        <source>The two PINs differ; nothing was changed.</source>
        <translation>两次输入的 PIN 不一致，未做任何修改。</translation>
    </message>
    <message>
        <source>The PIN could not be hashed (out of memory).</source>
        <translation>无法计算 PIN 的哈希（内存不足）。</translation>
    </message>
    <message>
        <source>The staff PIN of %1 is set.</source>
        <translation>已设置 %1 的工作人员 PIN。</translation>
    </message>
    <message>
        <source>Demo kiosk: the staff PIN is %1 (this run only); prints are written to %2.</source>
        <translation>演示自助终端：工作人员 PIN 为 %1（仅本次运行有效）；打印内容写入 %2。</translation>
    </message>
    <message>
        <source>%1 cannot be written.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Warning: %1 is readable by every user; it will hold the PIN&apos;s hash. chmod 640 it.</source>
        <translation>警告：%1 对所有用户可读，而它将保存 PIN 的哈希。请执行 chmod 640。</translation>
    </message>
</context>
<context>
    <name>KioskConfig</name>
    <message>
        <source>The kiosk configuration %1 cannot be used: %2.</source>
        <translation>自助终端配置 %1 无法使用：%2。</translation>
    </message>
    <message>
        <source>The kiosk configuration %1 has no «%2»: it must be %3.</source>
        <translation>自助终端配置 %1 缺少「%2」：它应为%3。</translation>
    </message>
    <message>
        <source>The kiosk configuration %1 sets «%2» to «%3»: it must be %4.</source>
        <translation>自助终端配置 %1 将「%2」设为「%3」：它应为%4。</translation>
    </message>
    <message>
        <source>it is not a file this user can read</source>
        <translation>它不是当前用户可读取的文件</translation>
    </message>
    <message>
        <source>it is not an INI file</source>
        <translation>它不是 INI 文件</translation>
    </message>
    <message>
        <source>absent: every setting belongs in [kiosk]</source>
        <translation>不存在：所有设置都应写在 [kiosk] 组中</translation>
    </message>
    <message>
        <source>inside the [kiosk] group</source>
        <translation>写在 [kiosk] 组内</translation>
    </message>
    <message>
        <source>the registration server&apos;s https address (http only on this computer)</source>
        <translation>报名服务器的 https 地址（仅本机服务器可用 http）</translation>
    </message>
    <message>
        <source>the code of this terminal&apos;s test site (考点) as the server names it, e.g. bj-bit</source>
        <translation>本终端所在考点在服务器上的代码，例如 bj-bit</translation>
    </message>
    <message>
        <source>the name of a CUPS print queue, or pdf:FOLDER to write PDF files into an existing folder</source>
        <translation>CUPS 打印队列名称，或 pdf:文件夹（把 PDF 文件写入一个已有的文件夹）</translation>
    </message>
    <message>
        <source>the staff PIN&apos;s hash, which «ncre-desk --kiosk-set-pin» writes</source>
        <translation>工作人员 PIN 的哈希，由「ncre-desk --kiosk-set-pin」写入</translation>
    </message>
    <message>
        <source>a whole number of seconds from %1 to %2</source>
        <translation>%1 到 %2 之间的整数秒</translation>
    </message>
    <message>
        <source>none, default, or a camera&apos;s id or description</source>
        <translation>none、default，或摄像头的标识或名称</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>zh_CN or en</source>
        <translation>zh_CN 或 en</translation>
    </message>
    <message>
        <source>A staff PIN is 6 to 12 digits.</source>
        <translation>工作人员 PIN 为 6 到 12 位数字。</translation>
    </message>
    <message>
        <source>That PIN is too easy to guess (one digit repeated, or a run such as 123456). Choose another.</source>
        <translation>这个 PIN 太容易被猜到（同一数字重复，或 123456 这样的连续数字）。请另选一个。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The folder of %1 does not exist.</source>
        <translation>%1 所在的文件夹不存在。</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>line %1 is neither key=value, nor [kiosk], nor a comment</source>
        <translation>第 %1 行既不是「键=值」，也不是 [kiosk]，也不是注释</translation>
    </message>
    <message>
        <source>there is no such file (write one as the kiosk guide shows: /usr/share/doc/ncre-desk/kiosk.md; or pass --kiosk-config FILE)</source>
        <translation>没有这个文件（请按自助终端指南 /usr/share/doc/ncre-desk/kiosk.md 编写，或用 --kiosk-config 文件 指定）</translation>
    </message>
    <message>
        <source>«%1» is set twice; keep one</source>
        <translation>「%1」设置了两次，请只保留一处</translation>
    </message>
    <message>
        <source>one of the settings the kiosk guide lists (%1)</source>
        <translation>自助终端指南列出的设置之一（%1）</translation>
    </message>
</context>
<context>
    <name>PhotoFixer</name>
    <message>
        <source>The photo is black and white; a colour photo is required.</source>
        <translation>照片是黑白的，需要彩色照片。</translation>
    </message>
    <message>
        <source>Faces cannot be checked: the face detector is missing.</source>
        <translation>无法检查人脸：缺少人脸检测器。</translation>
    </message>
    <message>
        <source>No face was found. Use a recent photo that shows your whole face from the front.</source>
        <translation>未找到人脸。请使用近期正面、露出完整面部的照片。</translation>
    </message>
    <message numerus="yes">
        <source>%n faces were found; the photo must show only you.</source>
        <translation>
            <numerusform>发现 %n 张人脸；照片中只能有您本人。</numerusform>
        </translation>
    </message>
    <message>
        <source>The head is too close to the edge of the photo to leave the required space around it. Take the photo from a little further away.</source>
        <translation>头部离照片边缘太近，无法留出规定的空白。请离远一点重新拍摄。</translation>
    </message>
    <message>
        <source>There are too few pixels around the face (%1 pixels high; at least %2 are needed). Use a sharper or larger photo.</source>
        <translation>人脸周围的像素太少（高 %1 像素，至少需要 %2 像素）。请使用更清晰或更大的照片。</translation>
    </message>
    <message>
        <source>The photo cannot be saved within the allowed file size.</source>
        <translation>无法在允许的文件大小范围内保存照片。</translation>
    </message>
    <message>
        <source>The file cannot be opened: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <source>The photo ends too close below the chin: it needs %1% more of its height below, for the neck and shoulders. Take the photo from a little further away.</source>
        <translation>照片在下巴下方结束得太近：下方还需要增加照片高度的 %1%，用于颈部和肩部。请离远一点重新拍摄。</translation>
    </message>
    <message>
        <source>There is too little space above the head: the photo needs %1% more of its height above the hair. Take the photo with more space above your head.</source>
        <translation>头顶上方空间太少：头发上方还需要增加照片高度的 %1%。请在头顶上方多留些空间重新拍摄。</translation>
    </message>
    <message>
        <source>There is too little space above the head, and the background is not plain enough to extend. Take the photo in front of a plain wall with more space above your head.</source>
        <translation>头顶上方空间太少，且背景不够单一，无法延伸。请在纯色墙前、头顶上方多留些空间重新拍摄。</translation>
    </message>
    <message>
        <source>The head is too close to the side of the photo: it needs %1% more of its width there. Take the photo with your head in the middle.</source>
        <translation>头部离照片侧边太近：该侧还需要增加照片宽度的 %1%。请让头部位于画面正中重新拍摄。</translation>
    </message>
    <message>
        <source>The top of the head is cut off; the photo must show the whole head with space above the hair.</source>
        <translation>头顶被裁掉了；照片必须显示完整的头部，并在头发上方留有空白。</translation>
    </message>
    <message>
        <source>The photo is %1×%2 pixels; at least %3×%4 (width×height) are needed. Use a larger photo.</source>
        <translation>照片为 %1×%2 像素，至少需要 %3×%4（宽×高）。请使用更大的照片。</translation>
    </message>
</context>
<context>
    <name>PhotoInspector</name>
    <message>
        <source>This file cannot be used; a JPEG photo (*.jpg) is required.</source>
        <translation>此文件无法使用，需要 JPEG 格式照片（*.jpg）。</translation>
    </message>
    <message>
        <source>The image is far too large to open safely.</source>
        <translation>图片尺寸过大，无法安全打开。</translation>
    </message>
    <message>
        <source>The file is far too large to be a photo.</source>
        <translation>文件过大，不可能是照片。</translation>
    </message>
    <message>
        <source>The file is damaged, incomplete or not an image.</source>
        <translation>文件已损坏、不完整或不是图片。</translation>
    </message>
    <message>
        <source>The head fills %1% of the photo&apos;s height; it should be about %2%: the photo is taken from too far away.</source>
        <translation>头部占照片高度的 %1%，应约为 %2%：拍摄距离太远。</translation>
    </message>
    <message>
        <source>The head fills %1% of the photo&apos;s height; it should be about %2%: the photo is taken from too close.</source>
        <translation>头部占照片高度的 %1%，应约为 %2%：拍摄距离太近。</translation>
    </message>
    <message>
        <source>The space above the head is %1% of the photo&apos;s height; it should be about %2%.</source>
        <translation>头顶上方的空白占照片高度的 %1%，应约为 %2%。</translation>
    </message>
    <message>
        <source>The head is not in the middle of the photo.</source>
        <translation>头部不在照片正中。</translation>
    </message>
    <message>
        <source>The photo is black and white; a colour photo is required.</source>
        <translation>照片是黑白的，需要彩色照片。</translation>
    </message>
    <message>
        <source>Faces cannot be checked: the face detector is missing.</source>
        <translation>无法检查人脸：缺少人脸检测器。</translation>
    </message>
    <message>
        <source>The photo is upside down; turn it 180°.</source>
        <translation>照片上下颠倒，请旋转 180°。</translation>
    </message>
    <message>
        <source>No face was found. Use a recent photo that shows your whole face from the front.</source>
        <translation>未找到人脸。请使用近期正面、露出完整面部的照片。</translation>
    </message>
    <message numerus="yes">
        <source>%n faces were found; the photo must show only you.</source>
        <translation>
            <numerusform>发现 %n 张人脸；照片中只能有您本人。</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is %1 KB; it must be between %2 KB and %3 KB.</source>
        <translation>文件大小为 %1 KB，应在 %2 KB 到 %3 KB 之间。</translation>
    </message>
    <message>
        <source>The JPEG is in CMYK (printing) colours, which many systems show wrongly; an RGB JPEG is required.</source>
        <translation>此 JPEG 使用 CMYK（印刷）色彩，许多系统会显示错误；需要 RGB 色彩的 JPEG。</translation>
    </message>
    <message>
        <source>The photo is %1×%2 pixels; it must be at least %3×%4 (width×height).</source>
        <translation>照片为 %1×%2 像素，至少应为 %3×%4（宽×高）。</translation>
    </message>
    <message>
        <source>The photo is %1×%2 pixels; it must be at most %3×%4 (width×height).</source>
        <translation>照片为 %1×%2 像素，最多为 %3×%4（宽×高）。</translation>
    </message>
    <message>
        <source>The photo&apos;s width is %1% of its height; a portrait photo between %2% and %3% is required.</source>
        <translation>照片宽度为高度的 %1%，应为宽高比在 %2% 到 %3% 之间的竖版照片。</translation>
    </message>
    <message>
        <source>The photo is sideways; turn it 90° clockwise.</source>
        <translation>照片是横着的，请顺时针旋转 90°。</translation>
    </message>
    <message>
        <source>The photo is sideways; turn it 90° anticlockwise.</source>
        <translation>照片是横着的，请逆时针旋转 90°。</translation>
    </message>
    <message>
        <source>This JPEG uses lossless coding, which browsers and the registration system cannot display. Save it again as a standard JPEG.</source>
        <translation>此 JPEG 使用无损编码，浏览器和报名系统无法显示。请重新保存为标准 JPEG。</translation>
    </message>
    <message>
        <source>This JPEG uses arithmetic coding, which browsers and the registration system cannot display. Let NCRE Desk fix it, or save it again as a standard JPEG.</source>
        <translation>此 JPEG 使用算术编码，浏览器和报名系统无法显示。请让 NCRE Desk 修正，或重新保存为标准 JPEG。</translation>
    </message>
    <message>
        <source>This JPEG stores %1-bit samples, which browsers and the registration system cannot display. Save it again as a standard 8-bit JPEG.</source>
        <translation>此 JPEG 使用 %1 位采样，浏览器和报名系统无法显示。请重新保存为标准 8 位 JPEG。</translation>
    </message>
    <message>
        <source>The file is incomplete: it ends before the picture does. Copy or download the photo again.</source>
        <translation>文件不完整：文件在图片数据结束之前就断了。请重新复制或下载照片。</translation>
    </message>
    <message>
        <source>Part of the picture is damaged (corrupt JPEG data) and would show grey or garbled. Use the original photo or take it again.</source>
        <translation>图片部分数据已损坏（JPEG 数据错误），会显示为灰色或乱码。请使用原始照片或重新拍摄。</translation>
    </message>
    <message>
        <source>The top of the head is cut off; the photo must show the whole head with space above the hair.</source>
        <translation>头顶被裁掉了；照片必须显示完整的头部，并在头发上方留有空白。</translation>
    </message>
    <message>
        <source>white</source>
        <translation>白色</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰色</translation>
    </message>
    <message>
        <source>dark grey</source>
        <translation>深灰色</translation>
    </message>
    <message>
        <source>light blue</source>
        <translation>浅蓝色</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>dark blue</source>
        <translation>深蓝色</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <comment>a list of colours: white or light blue</comment>
        <translation>%1或%2</translation>
    </message>
    <message>
        <source>The background should be %1; this one is %2. Take the photo in front of a plain %1 wall.</source>
        <translation>背景应为%1，这张照片的背景是%2。请在%1的纯色墙前拍摄。</translation>
    </message>
    <message>
        <source>The frame misses the face: move the frame onto your face, with the top of your head on the upper line.</source>
        <translation>取景框没有框住人脸：请把取景框移到脸上，让头顶对齐上面的线。</translation>
    </message>
    <message>
        <source>The frame holds too few pixels: make it larger or use a larger photo.</source>
        <translation>取景框内的像素太少：请把取景框放大，或使用更大的照片。</translation>
    </message>
    <message>
        <source>This JPEG uses hierarchical coding, which browsers and the registration system cannot display. Save it again as a standard JPEG.</source>
        <translation>此 JPEG 使用分层编码，浏览器和报名系统无法显示。请重新保存为标准 JPEG。</translation>
    </message>
    <message>
        <source>This file is in %1 format, not JPEG; a JPEG photo (*.jpg) is required.</source>
        <translation>此文件是 %1 格式，不是 JPEG；需要 JPEG 格式照片（*.jpg）。</translation>
    </message>
    <message>
        <source>The photo ends too close below the chin (%1% of its height); about %2% should show the neck and shoulders.</source>
        <translation>下巴以下的部分太少（占照片高度的 %1%）；应约有 %2% 显示颈部和肩部。</translation>
    </message>
    <message>
        <source>black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <source>pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <source>The file is %1 KB; it must be between %2 KB and %3 KB. %4 KB of it follow the picture (such as the video of a phone&apos;s motion photo); fixing the photo leaves them out.</source>
        <translation>文件大小为 %1 KB，应在 %2 KB 到 %3 KB 之间。其中 %4 KB 位于图片数据之后（例如手机动态照片中的视频）；修正照片时会去掉这部分。</translation>
    </message>
    <message>
        <source>The photo carries a camera tag (EXIF orientation) that turns it when it is shown, and the registration system ignores such tags: staff would see it turned differently. Let NCRE Desk fix it.</source>
        <translation>照片带有相机方向标记（EXIF 方向），显示时会被旋转；报名系统会忽略此标记，工作人员看到的方向会不同。请让 NCRE Desk 修正。</translation>
    </message>
    <message>
        <source>cream</source>
        <translation>米黄色</translation>
    </message>
    <message>
        <source>pale green</source>
        <translation>浅绿色</translation>
    </message>
    <message>
        <source>cyan</source>
        <translation>青色</translation>
    </message>
    <message>
        <source>The background should be %1; this one has a colour tint. Take the photo in front of a plain %1 wall.</source>
        <translation>背景应为%1，这张照片的背景偏色。请在%1的纯色墙前拍摄。</translation>
    </message>
    <message>
        <source>The picture itself is %1 KB (the other %2 KB of the file are data beside it and do not count); it must be at least %3 KB.</source>
        <translation>图片本身只有 %1 KB（文件中另外 %2 KB 是图片以外的数据，不计算在内）；至少应为 %3 KB。</translation>
    </message>
    <message>
        <source>The JPEG is stored in too many passes (scans) to be opened safely. Save the photo again from an image editor, or let NCRE Desk fix it from the original.</source>
        <translation>该 JPEG 分成的扫描遍数过多，无法安全打开。请用图片编辑软件重新保存照片，或用原始照片让 NCRE Desk 自动修正。</translation>
    </message>
    <message>
        <source>The picture itself is %L1 bytes, just under the %L2 bytes it must have at least.</source>
        <translation>图片本身为 %L1 字节，略低于要求的最小值 %L2 字节。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>NCRE Desk</source>
        <translation>NCRE Desk</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>演示服务器无法启动：%1</translation>
    </message>
</context>
<context>
    <name>ncre::AgreementPage</name>
    <message>
        <source>Registration agreement</source>
        <translation>报名协议</translation>
    </message>
    <message>
        <source>I have read the agreement and &amp;agree to it</source>
        <translation>我已阅读并同意该协议(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;gree</source>
        <translation>同意(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Disagree</source>
        <translation>不同意(&amp;D)</translation>
    </message>
    <message>
        <source>You did not accept the agreement, so the registration cannot go on. You can read it again and accept it at any time before registration closes.</source>
        <translation>您未同意报名协议，报名无法继续。在报名截止前，您可以随时重新阅读并同意。</translation>
    </message>
    <message>
        <source>You accepted this agreement (version %1).</source>
        <translation>您已同意本协议（版本 %1）。</translation>
    </message>
    <message>
        <source>Tick «I have read the agreement and agree to it» first.</source>
        <translation>请先勾选「我已阅读并同意该协议」。</translation>
    </message>
</context>
<context>
    <name>ncre::CameraDialog</name>
    <message>
        <source>Take your photo</source>
        <translation>拍摄照片</translation>
    </message>
    <message>
        <source>Take the photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Look straight at the camera, with your head inside the frame, shoulders level, against the plain background. Then touch «Take the photo».</source>
        <translation>请正视摄像头，头部位于框内，双肩放平，背景为纯色。然后点击「拍照」。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
</context>
<context>
    <name>ncre::CaptchaField</name>
    <message>
        <source>Captcha</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Captcha image</source>
        <translation>验证码图片</translation>
    </message>
    <message>
        <source>&amp;New captcha</source>
        <translation>换一张(&amp;N)</translation>
    </message>
    <message>
        <source>Show a new captcha</source>
        <translation>显示新的验证码</translation>
    </message>
</context>
<context>
    <name>ncre::ConfirmPanel</name>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ncre::ConfirmationPanel</name>
    <message>
        <source>Document number (type it, or scan the document)</source>
        <translation>证件号码（手工输入或扫描证件）</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Confirm and print the slip</source>
        <translation>确认并打印回执</translation>
    </message>
    <message>
        <source>Compare the registered photo with the person in front of you before confirming.</source>
        <translation>确认前，请将报名照片与现场考生本人进行比对。</translation>
    </message>
    <message>
        <source>Type or scan the document number first.</source>
        <translation>请先输入或扫描证件号码。</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>No registration at this test site has this document.</source>
        <translation>本考点没有使用该证件的报名。</translation>
    </message>
    <message>
        <source>Already confirmed on site.</source>
        <translation>已完成现场确认。</translation>
    </message>
    <message>
        <source>Only a paid registration can be confirmed on site.</source>
        <translation>只有已缴费的报名才能进行现场确认。</translation>
    </message>
    <message>
        <source>Confirmed. Give the candidate the slip from the printer.</source>
        <translation>已确认。请将打印机打出的回执交给考生。</translation>
    </message>
    <message>
        <source>Confirmed, but the slip could not be printed: %1</source>
        <translation>已确认，但回执未能打印：%1</translation>
    </message>
    <message>
        <source>Print the slip again</source>
        <translation>重新打印回执</translation>
    </message>
    <message>
        <source>The slip was printed again.</source>
        <translation>回执已重新打印。</translation>
    </message>
    <message>
        <source>The slip could not be printed: %1</source>
        <translation>回执未能打印：%1</translation>
    </message>
</context>
<context>
    <name>ncre::Desk</name>
    <message>
        <source>The system keychain did not take the session, so you will be asked to log in again next time NCRE Desk starts.</source>
        <translation>系统密钥环未能保存登录状态，下次启动 NCRE Desk 时需要重新登录。</translation>
    </message>
    <message>
        <source>NCRE Desk</source>
        <translation>NCRE Desk</translation>
    </message>
    <message>
        <source>The local data file was damaged and has been set aside; NCRE Desk starts afresh. Your registration on the server is not affected.</source>
        <translation>本地数据文件已损坏，已另行保存，NCRE Desk 将重新开始。服务器上的报名信息不受影响。</translation>
    </message>
    <message>
        <source>The system keychain is not available, so NCRE Desk cannot keep drafts on this computer. Everything you save still goes to the server.</source>
        <translation>系统密钥环不可用，NCRE Desk 无法在本机保存草稿。您保存的内容仍会提交到服务器。</translation>
    </message>
    <message>
        <source>Nothing can be kept on this computer without the system keychain, so there are no documents to open here. Download them again once logged in.</source>
        <translation>没有系统密钥环，本机无法保存任何内容，因此这里没有可打开的文档。请登录后重新下载。</translation>
    </message>
</context>
<context>
    <name>ncre::DocumentsPage</name>
    <message>
        <source>Registration &amp;form</source>
        <translation>报名登记表(&amp;F)</translation>
    </message>
    <message>
        <source>Admission &amp;ticket</source>
        <translation>准考证(&amp;T)</translation>
    </message>
    <message>
        <source>The admission ticket can be printed from %1.</source>
        <translation>准考证将于 %1 开放打印。</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <source>Downloaded, and kept on this computer for exam day.</source>
        <translation>已下载，并保存在本机，考试当天也能打开。</translation>
    </message>
    <message>
        <source>No network: showing the copy kept on this computer. It is complete and can be printed; NCRE Desk downloads it again when the network returns.</source>
        <translation>没有网络：正在显示保存在本机的副本。副本完整，可以打印；网络恢复后 NCRE Desk 会重新下载。</translation>
    </message>
    <message>
        <source>No network: the document could not be downloaded, and no copy is kept on this computer yet. Try again when the network returns.</source>
        <translation>没有网络：文件无法下载，本机也尚未保存副本。请在网络恢复后重试。</translation>
    </message>
    <message>
        <source>Admission ticket.pdf</source>
        <translation>准考证.pdf</translation>
    </message>
    <message>
        <source>Registration form.pdf</source>
        <translation>报名登记表.pdf</translation>
    </message>
    <message>
        <source>Downloaded. Touch «Print» to print it here; nothing is kept on this terminal.</source>
        <translation>已下载。点击「打印」即可在此打印；本终端不保存任何内容。</translation>
    </message>
</context>
<context>
    <name>ncre::HomePage</name>
    <message>
        <source>Registration closes</source>
        <translation>报名截止</translation>
    </message>
    <message>
        <source>Payment due</source>
        <translation>缴费截止</translation>
    </message>
    <message>
        <source>Admission ticket printable from</source>
        <translation>准考证打印开始</translation>
    </message>
    <message>
        <source>Admission ticket printable until</source>
        <translation>准考证打印截止</translation>
    </message>
    <message>
        <source>On-site confirmation by</source>
        <translation>现场确认截止</translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation>当前用户：%1</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <source>Next: read and accept the registration agreement.</source>
        <translation>下一步：阅读并同意报名协议。</translation>
    </message>
    <message>
        <source>Next: fill in your basic information.</source>
        <translation>下一步：填写基本信息。</translation>
    </message>
    <message>
        <source>Next: choose a test site and your subjects, then submit.</source>
        <translation>下一步：选择考点和报考科目，然后提交报考信息。</translation>
    </message>
    <message>
        <source>Next: upload your photo. Without it the registration is not valid.</source>
        <translation>下一步：上传照片。未上传照片的报名无效。</translation>
    </message>
    <message>
        <source>Next: ask the test site to review your information, and wait for its decision.</source>
        <translation>下一步：申请信息审核，并等待考点审核结果。</translation>
    </message>
    <message>
        <source>Next: pay the examination fee.</source>
        <translation>下一步：网上支付考试费。</translation>
    </message>
    <message>
        <source>Paid. Print your registration form, and the admission ticket when it is available.</source>
        <translation>已缴费。请打印报名登记表，并在开放时打印准考证。</translation>
    </message>
    <message>
        <source>This registration is closed.</source>
        <translation>此报名已关闭。</translation>
    </message>
    <message>
        <source>Exam: %1</source>
        <translation>考次：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩余 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1:%2:%3 left</source>
        <translation>剩余 %1:%2:%3</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <extracomment>A deadline: its name, the date and time, and the time left.</extracomment>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>The test site is reviewing your information. Its decision shows here.</source>
        <translation>考点正在审核您的信息，审核结果将在此显示。</translation>
    </message>
    <message>
        <source>The test site returned your registration for corrections: «%1». Correct it, then ask for review again.</source>
        <translation>考点退回了您的报名信息，要求修改：「%1」。请修改后再次申请信息审核。</translation>
    </message>
</context>
<context>
    <name>ncre::IdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message numerus="yes">
        <source>For your privacy, this session ends in %n second(s) and everything you entered is removed from this terminal (what you saved on the server stays). Touch the screen to continue.</source>
        <translation>
            <numerusform>为保护您的隐私，本次使用将在 %n 秒后结束，您在本终端输入的所有内容都会被清除（已保存到服务器的内容不受影响）。触摸屏幕即可继续。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This staff session ends in %n second(s): you are logged out and the terminal returns to the welcome screen. Touch the screen to continue.</source>
        <translation>
            <numerusform>工作人员会话将在 %n 秒后结束：您将被退出登录，终端回到欢迎页。触摸屏幕可继续。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncre::KeptDocumentsWindow</name>
    <message>
        <source>Documents kept on this computer</source>
        <translation>本机保存的报名表和准考证</translation>
    </message>
    <message>
        <source>The registration form and admission ticket you downloaded are kept on this computer, so they open without a network. Enter your account and password to open them.</source>
        <translation>您下载过的报名登记表和准考证保存在本机，没有网络也能打开。请输入账号和密码打开。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Registration &amp;form</source>
        <translation>报名登记表(&amp;F)</translation>
    </message>
    <message>
        <source>Admission &amp;ticket</source>
        <translation>准考证(&amp;T)</translation>
    </message>
    <message>
        <source>Enter your account and your password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>This account and password do not open anything on this computer. Documents open here only for an account that logged in here with its password and downloaded them; check both and try again.</source>
        <translation>此账号和密码在本机打不开任何文档。只有在本机用密码登录过并下载过文档的账号才能在这里打开；请检查账号和密码后重试。</translation>
    </message>
    <message>
        <source>Nothing is kept for this account yet: the registration form and admission ticket are kept once you download them (step «Documents»).</source>
        <translation>本机尚未保存此账号的文档：报名登记表和准考证在您下载后才会保存（「打印」步骤）。</translation>
    </message>
    <message>
        <source>Admission ticket, as downloaded. Print it for exam day.</source>
        <translation>准考证（下载时的版本）。请打印后考试当天携带。</translation>
    </message>
    <message>
        <source>Registration form, as downloaded.</source>
        <translation>报名登记表（下载时的版本）。</translation>
    </message>
    <message>
        <source>Not kept on this computer yet: it is kept once you download it.</source>
        <translation>本机尚未保存：下载后才会保存。</translation>
    </message>
    <message>
        <source>Admission ticket.pdf</source>
        <translation>准考证.pdf</translation>
    </message>
    <message>
        <source>Registration form.pdf</source>
        <translation>报名登记表.pdf</translation>
    </message>
</context>
<context>
    <name>ncre::Kiosk</name>
    <message>
        <source>Back to the start</source>
        <translation>返回首页</translation>
    </message>
    <message>
        <source>Log out and clear</source>
        <translation>退出并清除</translation>
    </message>
    <message>
        <source>Enter your account, your password and the characters in the picture, then touch «Log in».</source>
        <translation>请输入账号、密码和图中的验证码，然后点击「登录」。</translation>
    </message>
    <message>
        <source>Clearing this terminal…</source>
        <translation>正在清除本终端上的数据…</translation>
    </message>
    <message>
        <source>This terminal is out of service. Please ask a member of staff.</source>
        <translation>本终端暂停服务，请联系工作人员。</translation>
    </message>
    <message>
        <source>read the agreement to the end, then accept it.</source>
        <translation>请阅读完报名协议，然后点击同意。</translation>
    </message>
    <message>
        <source>fill in every field as your identity document shows it, then save.</source>
        <translation>请按身份证件上的内容填写每一项，然后保存。</translation>
    </message>
    <message>
        <source>choose a test site and your subjects, then submit.</source>
        <translation>请选择考点和报考科目，然后提交。</translation>
    </message>
    <message>
        <source>take your photo with the camera or pick one from a USB stick, check it, then upload it.</source>
        <translation>请用摄像头拍照或从U盘选择照片，检查无误后上传。</translation>
    </message>
    <message>
        <source>pay with your phone by scanning the QR code; this page updates by itself.</source>
        <translation>请用手机扫描二维码缴费，本页面会自动更新。</translation>
    </message>
    <message>
        <source>print your registration form here; the admission ticket prints once ticket printing opens.</source>
        <translation>可在此打印报名登记表；准考证须待打印开放后打印。</translation>
    </message>
    <message>
        <source>Your next step is «%1»; open it from the list on the left. Touch «Log out and clear» when you are done.</source>
        <translation>下一步是「%1」，请从左侧列表中打开。办理完毕请点击「退出并清除」。</translation>
    </message>
    <message>
        <source>«%1»: %2 Touch «Log out and clear» when you are done.</source>
        <translation>「%1」：%2办理完毕请点击「退出并清除」。</translation>
    </message>
    <message>
        <source>Please wait: the registration service cannot be reached at the moment. This screen tries again by itself.</source>
        <translation>请稍候：暂时无法连接报名服务，本屏幕会自动重试。</translation>
    </message>
    <message>
        <source>your payment has arrived. Open «%1» on the left to print your registration form.</source>
        <translation>缴费已到账。请点击左侧「%1」打印报名登记表。</translation>
    </message>
    <message>
        <source>Choose an account name and a password, type the characters in the picture, then touch «Register». Your account works at home too.</source>
        <translation>请设置账号和密码，输入图中的验证码，然后点击「注册」。注册的账号在家中也可以使用。</translation>
    </message>
    <message>
        <source>your site is reviewing your registration; its decision shows when you next log in, here or at home.</source>
        <translation>考点正在审核您的报名信息；审核结果将在您下次登录时显示，在本终端或在家登录均可查看。</translation>
    </message>
    <message>
        <source>correct what the site asked for, then ask for review again.</source>
        <translation>请按考点的要求修改后，再次申请信息审核。</translation>
    </message>
    <message>
        <source>ask the test site to review your registration.</source>
        <translation>请向考点申请信息审核。</translation>
    </message>
    <message>
        <source>the registration form prints here once your payment has arrived.</source>
        <translation>缴费到账后可在此打印报名登记表。</translation>
    </message>
</context>
<context>
    <name>ncre::KioskWindow</name>
    <message>
        <source>NCRE registration terminal</source>
        <translation>全国计算机等级考试报名自助终端</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Staff only: enter the staff PIN</source>
        <translation>仅限工作人员：输入工作人员 PIN</translation>
    </message>
</context>
<context>
    <name>ncre::LoginWindow</name>
    <message>
        <source>NCRE Desk — log in</source>
        <translation>NCRE Desk — 登录</translation>
    </message>
    <message>
        <source>National Computer Rank Examination — online registration</source>
        <translation>全国计算机等级考试 — 网上报名</translation>
    </message>
    <message>
        <source>Connecting to the registration server…</source>
        <translation>正在连接报名服务器…</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Captcha:</source>
        <translation>验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>The registration server cannot be reached. Check your network; NCRE Desk keeps trying.</source>
        <translation>无法连接报名服务器。请检查网络，NCRE Desk 会继续尝试。</translation>
    </message>
    <message>
        <source>Connected to the registration server.</source>
        <translation>已连接报名服务器。</translation>
    </message>
    <message>
        <source>Enter your account.</source>
        <translation>请输入账号。</translation>
    </message>
    <message>
        <source>Registration announcement</source>
        <translation>网上报名公告</translation>
    </message>
    <message>
        <source>Registration notices and process</source>
        <translation>网上报名须知及流程</translation>
    </message>
    <message>
        <source>&amp;Register…</source>
        <translation>注册(&amp;R)…</translation>
    </message>
    <message>
        <source>Log in with &amp;QQ</source>
        <translation>QQ登录(&amp;Q)</translation>
    </message>
    <message>
        <source>Regis&amp;tration announcement</source>
        <translation>网上报名公告(&amp;T)</translation>
    </message>
    <message>
        <source>Registration notices an&amp;d process</source>
        <translation>网上报名须知及流程(&amp;D)</translation>
    </message>
    <message>
        <source>Change pass&amp;word…</source>
        <translation>修改密码(&amp;W)…</translation>
    </message>
    <message>
        <source>Enter your account, current password and the captcha, then press this: you are logged in and can choose a new password.</source>
        <translation>先输入账号、当前密码和验证码，再点击此按钮：登录后即可设置新密码。</translation>
    </message>
    <message>
        <source>To change your password, first enter your account, your current password and the captcha: you are then logged in and choose the new password.</source>
        <translation>修改密码前，请先输入账号、当前密码和验证码：登录后即可设置新密码。</translation>
    </message>
    <message>
        <source>Documents &amp;kept on this computer…</source>
        <translation>本机保存的报名表和准考证(&amp;K)…</translation>
    </message>
    <message>
        <source>Open the registration form and admission ticket you downloaded, also without a network.</source>
        <translation>打开您下载过的报名登记表和准考证，没有网络也可以。</translation>
    </message>
    <message>
        <source>Log in with QQ</source>
        <translation>QQ登录</translation>
    </message>
    <message>
        <source>No browser could be opened on this computer. Open this address in a browser on this computer to log in with QQ; NCRE Desk goes on by itself once QQ answers.</source>
        <translation>本机无法打开浏览器。请在本机的浏览器中打开下面的地址进行QQ登录；QQ授权后 NCRE Desk 会自动继续。</translation>
    </message>
    <message>
        <source>QQ login address</source>
        <translation>QQ登录地址</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>复制链接(&amp;C)</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>QQ login is not offered at this terminal: it needs a web browser, which the terminal does not open. Log in with your NCRE account and password, or register one.</source>
        <translation>本终端不提供QQ登录：QQ登录需要网页浏览器，而本终端不会打开浏览器。请用报名系统的账号和密码登录，或注册新账号。</translation>
    </message>
    <message>
        <source>Account %1 registered. Type the characters in the picture and log in.</source>
        <translation>账号 %1 已注册。请输入图片中的字符并登录。</translation>
    </message>
</context>
<context>
    <name>ncre::MainWindow</name>
    <message>
        <source>NCRE Desk</source>
        <translation>NCRE Desk</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>Exam: %1</source>
        <translation>考次：%1</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Hide the navigation</source>
        <translation>隐藏导航</translation>
    </message>
    <message>
        <source>Offline: your changes are kept on this computer and sent when the network returns.</source>
        <translation>离线：您的修改已保存在本机，网络恢复后会自动提交。</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Show the navigation</source>
        <translation>显示导航</translation>
    </message>
    <message>
        <source>Change pass&amp;word…</source>
        <translation>修改密码(&amp;W)…</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>On-site confirmation</source>
        <translation>现场确认</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Connected to the registration server again.</source>
        <translation>已重新连接到报名服务器。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not sent yet: they are kept on this computer and go to the server as soon as it answers.</source>
        <translation>
            <numerusform>有 %n 项修改尚未发送：已保存在本机，连上服务器后会自动发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not sent yet: they go to the server as soon as it answers. Logging out before then removes them from this terminal.</source>
        <translation>
            <numerusform>有 %n 项修改尚未发送：服务器恢复响应后立即发送。在此之前退出登录，这些修改将从本终端清除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: your changes are sent when the network returns. Logging out before then removes them from this terminal.</source>
        <translation>网络已断开：您的修改将在网络恢复后发送。在此之前退出登录，这些修改将从本终端清除。</translation>
    </message>
</context>
<context>
    <name>ncre::MediaPickerDialog</name>
    <message>
        <source>A photo from your USB stick</source>
        <translation>从U盘选择照片</translation>
    </message>
    <message>
        <source>Use this photo</source>
        <translation>使用这张照片</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Insert your USB stick or memory card: its photos show here.</source>
        <translation>请插入U盘或存储卡，其中的照片会显示在这里。</translation>
    </message>
    <message>
        <source>Touch a photo, check it on the right, then «Use this photo».</source>
        <translation>点击一张照片，在右侧查看，然后点击「使用这张照片」。</translation>
    </message>
    <message>
        <source>There are no photos (JPEG, PNG, HEIC) on this medium.</source>
        <translation>该存储设备上没有照片（JPEG、PNG、HEIC）。</translation>
    </message>
    <message>
        <source>This file cannot be read: it may be damaged, or not a photo. Pick another one, or ask a member of staff.</source>
        <translation>无法读取这个文件：它可能已损坏，或者不是照片。请另选一张，或联系工作人员。</translation>
    </message>
</context>
<context>
    <name>ncre::NoticesPage</name>
    <message>
        <source>On-site confirmation notice</source>
        <translation>现场确认通知</translation>
    </message>
    <message>
        <source>Choose a test site first; its notices appear here.</source>
        <translation>请先选择考点，考点的通知会显示在这里。</translation>
    </message>
    <message>
        <source>%1 does not ask for on-site confirmation.</source>
        <translation>%1 不要求现场确认。</translation>
    </message>
    <message>
        <source>Confirmed on site. Nothing more to do here.</source>
        <translation>已完成现场确认，此处无需再操作。</translation>
    </message>
    <message>
        <source>%1 asks candidates to confirm in person before %2 (现场确认). Bring your ID document.</source>
        <translation>%1要求考生在 %2 前到现场确认。请携带本人有效身份证件。</translation>
    </message>
</context>
<context>
    <name>ncre::Notifier</name>
    <message>
        <source>NCRE Desk</source>
        <translation>NCRE Desk</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Seats available</source>
        <translation>有空余名额</translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s) free again for subject %1 at %2.</source>
        <translation>
            <numerusform>%2 的科目 %1 又有 %n 个空余名额。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>未被接受</translation>
    </message>
    <message>
        <source>A change you made offline was refused by the server: %1</source>
        <translation>您离线时所做的修改被服务器拒绝：%1</translation>
    </message>
    <message>
        <source>Registration closes at %1.</source>
        <translation>报名将于 %1 截止。</translation>
    </message>
    <message>
        <source>Pay before %1, or the registration is cancelled.</source>
        <translation>请在 %1 前完成支付，否则报名将被取消。</translation>
    </message>
    <message>
        <source>The admission ticket can be printed now.</source>
        <translation>现在可以打印准考证了。</translation>
    </message>
    <message>
        <source>Print your admission ticket before %1.</source>
        <translation>请在 %1 前打印准考证。</translation>
    </message>
    <message>
        <source>Confirm on site before %1.</source>
        <translation>请在 %1 前完成现场确认。</translation>
    </message>
    <message>
        <source>Review approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>The site approved your registration. Pay before %1.</source>
        <translation>考点已审核通过您的报名。请在 %1 前完成支付。</translation>
    </message>
    <message>
        <source>Corrections needed</source>
        <translation>需要修改</translation>
    </message>
    <message>
        <source>The site asked for corrections: «%1».</source>
        <translation>考点要求修改：「%1」。</translation>
    </message>
    <message>
        <source>Payment confirmed</source>
        <translation>缴费成功</translation>
    </message>
    <message>
        <source>Your payment is confirmed. You can print your registration form.</source>
        <translation>您的缴费已确认，可以打印报名登记表了。</translation>
    </message>
    <message>
        <source>Confirmed on site</source>
        <translation>已现场确认</translation>
    </message>
    <message>
        <source>Your registration is confirmed by the site.</source>
        <translation>考点已确认您的报名。</translation>
    </message>
    <message>
        <source>Registration expired</source>
        <translation>报名已过期</translation>
    </message>
    <message>
        <source>A deadline passed without payment; the registration has expired.</source>
        <translation>截止时间已过而未缴费，报名已过期。</translation>
    </message>
</context>
<context>
    <name>ncre::PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>当前密码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>确认新密码(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>修改密码(&amp;C)</translation>
    </message>
    <message>
        <source>Other computers logged in with this account will have to log in again.</source>
        <translation>用此账号登录的其他电脑需要重新登录。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>8-64 characters with three of: lower case, upper case, digits, other characters; not your account.</source>
        <translation>8-64 个字符，至少包含小写字母、大写字母、数字、其他字符中的三种，且不能包含账号。</translation>
    </message>
</context>
<context>
    <name>ncre::PaymentPage</name>
    <message>
        <source>&amp;Pay</source>
        <translation>去支付(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Continue to payment</source>
        <translation>继续支付(&amp;C)</translation>
    </message>
    <message>
        <source>I have paid, &amp;update payment status</source>
        <translation>我已支付，更新支付信息(&amp;U)</translation>
    </message>
    <message>
        <source>Open the payment order?</source>
        <translation>确认生成支付订单？</translation>
    </message>
    <message>
        <source>The payment platform has not received your payment yet. If you have just paid, try again in a minute.</source>
        <translation>支付平台尚未收到您的付款。如果您刚刚支付，请一分钟后再试。</translation>
    </message>
    <message>
        <source>This order is already paid. Nothing more to pay.</source>
        <translation>该订单已支付，无需再付款。</translation>
    </message>
    <message>
        <source>Your order was already open: it has been reopened, not created again. If you have already paid it, do not pay again — press «I have paid, update payment status».</source>
        <translation>您的订单已存在：已为您重新打开，没有重复生成。如果您已经支付，请勿重复付款——请点击「我已支付，更新支付信息」。</translation>
    </message>
    <message>
        <source>Amount: %1</source>
        <translation>金额：%1</translation>
    </message>
    <message>
        <source>Order %1, open until %2</source>
        <translation>订单 %1，有效期至 %2</translation>
    </message>
    <message>
        <source>The amount is computed from your subjects when you pay.</source>
        <translation>支付时将根据您的报考科目计算金额。</translation>
    </message>
    <message>
        <source>Paid. You can print your registration form now.</source>
        <translation>已支付。现在可以打印报名登记表。</translation>
    </message>
    <message>
        <source>QR code of the payment page</source>
        <translation>支付页面的二维码</translation>
    </message>
    <message>
        <source>&amp;Copy link</source>
        <translation>复制链接(&amp;C)</translation>
    </message>
    <message>
        <source>Pay from your phone: scan the code, or open this address in any browser:</source>
        <translation>用手机支付：扫描二维码，或在任意浏览器中打开以下地址：</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>The payment platform opened in your browser; you can also pay from your phone with the code below. Come back here when you have paid.</source>
        <translation>支付平台已在浏览器中打开；也可以用手机扫描下方二维码支付。支付完成后请回到这里。</translation>
    </message>
    <message>
        <source>No browser could be opened on this computer. Scan the code below with your phone, or copy the address into a browser, and pay there. Come back here when you have paid.</source>
        <translation>本机无法打开浏览器。请用手机扫描下方二维码，或把地址复制到浏览器中完成支付。支付完成后请回到这里。</translation>
    </message>
    <message>
        <source>Order %1, paid</source>
        <translation>订单 %1，已支付</translation>
    </message>
    <message>
        <source>Order %1 lapsed unpaid at %2; nothing was charged. «Pay» makes a new order.</source>
        <translation>订单 %1 已于 %2 过期未支付，未扣款。点击「去支付」将生成新订单。</translation>
    </message>
    <message numerus="yes">
        <source>Amount to pay: %1 (%n subject(s))</source>
        <translation>
            <numerusform>应付金额：%1（%n 个科目）</numerusform>
        </translation>
    </message>
    <message>
        <source>Payment opens once the test site has approved your registration.</source>
        <translation>考点审核通过后才能支付。</translation>
    </message>
    <message>
        <source>Scan the code below with your phone and pay there. This screen updates by itself when the payment arrives.</source>
        <translation>请用手机扫描下方二维码并完成支付。支付到账后，本页面会自动更新。</translation>
    </message>
</context>
<context>
    <name>ncre::PdfViewer</name>
    <message>
        <source>Document page</source>
        <translation>文档页面</translation>
    </message>
    <message>
        <source>Page </source>
        <translation>第 </translation>
    </message>
    <message>
        <source> </source>
        <comment>after the page number (Chinese: 页)</comment>
        <translation> 页</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>文件无法保存：%1</translation>
    </message>
    <message>
        <source>document.pdf</source>
        <translation>文档.pdf</translation>
    </message>
    <message>
        <source>Sent to the printer: take your pages from it.</source>
        <translation>已发送到打印机，请从打印机取走您的材料。</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
</context>
<context>
    <name>ncre::PhotoCropper</name>
    <message>
        <source>Photo crop frame</source>
        <translation>照片裁剪框</translation>
    </message>
    <message>
        <source>Drag to move the frame, use the wheel or + and - to resize it, arrow keys to nudge it.</source>
        <translation>拖动可移动裁剪框，滚轮或 + 和 - 可调整大小，方向键可微调。</translation>
    </message>
    <message>
        <source>Choose a photo, or drop it here.</source>
        <translation>请选择照片，或把照片拖到这里。</translation>
    </message>
</context>
<context>
    <name>ncre::PhotoPage</name>
    <message>
        <source>&amp;Choose a photo…</source>
        <translation>选择照片(&amp;C)…</translation>
    </message>
    <message>
        <source>Turn &amp;left</source>
        <translation>向左旋转(&amp;L)</translation>
    </message>
    <message>
        <source>Turn &amp;right</source>
        <translation>向右旋转(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Upload photo</source>
        <translation>上传照片(&amp;U)</translation>
    </message>
    <message>
        <source>The photo the registration holds</source>
        <translation>报名信息中的照片</translation>
    </message>
    <message>
        <source>Put the top of the head on the upper line and the chin on the lower line.</source>
        <translation>请让头顶对齐上方的线，下巴对齐下方的线。</translation>
    </message>
    <message>
        <source>The photo of your registration:</source>
        <translation>您报名信息中的照片：</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.bmp *.webp);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.heic *.bmp *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The photo meets the requirements (%1 KB).</source>
        <translation>照片符合要求（%1 KB）。</translation>
    </message>
    <message>
        <source>No network: the photo was not uploaded. Try again when the network returns.</source>
        <translation>没有网络：照片未上传。请在网络恢复后重试。</translation>
    </message>
    <message>
        <source>Photo uploaded.</source>
        <translation>照片已上传。</translation>
    </message>
    <message>
        <source>No photo yet.</source>
        <translation>尚无照片。</translation>
    </message>
    <message>
        <source>Submit your registration first; then upload the photo.</source>
        <translation>请先提交报考信息，然后上传照片。</translation>
    </message>
    <message>
        <source>Your photo is locked and can no longer be replaced.</source>
        <translation>您的照片已锁定，不能再更换。</translation>
    </message>
    <message>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <source>The test site is reviewing your registration: the photo cannot be replaced now. If the site asks for corrections, you can replace it then.</source>
        <translation>考点正在审核您的报名信息，现在不能更换照片。如果考点要求修改，届时可以更换。</translation>
    </message>
    <message>
        <source>Press «%1».</source>
        <translation>请点击「%1」。</translation>
    </message>
    <message>
        <source>Press «%1» twice.</source>
        <translation>请点击两次「%1」。</translation>
    </message>
    <message>
        <source>Take a photo with the camera</source>
        <translation>用摄像头拍照</translation>
    </message>
    <message>
        <source>A photo from a USB stick…</source>
        <translation>从U盘选择照片…</translation>
    </message>
    <message>
        <source>Take your photo with the camera, or pick one from a USB stick.</source>
        <translation>请用摄像头拍照，或从U盘选择照片。</translation>
    </message>
    <message>
        <source>Choose a photo first.</source>
        <translation>请先选择照片。</translation>
    </message>
    <message>
        <source>Pick your photo from a USB stick.</source>
        <translation>请从U盘选择照片。</translation>
    </message>
</context>
<context>
    <name>ncre::PinPad</name>
    <message>
        <source>Staff PIN</source>
        <translation>工作人员 PIN</translation>
    </message>
    <message>
        <source>Erase a digit</source>
        <translation>删除一位</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n try(s) left before the PIN is locked for five minutes.</source>
        <translation>
            <numerusform>PIN 错误。再错 %n 次，PIN 将被锁定五分钟。</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff only: enter the staff PIN. A candidate can touch «Back».</source>
        <translation>仅限工作人员：请输入工作人员 PIN。考生请点击「返回」。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The PIN can be tried again in %1.</source>
        <translation>PIN 错误次数过多。%1 后可再次尝试。</translation>
    </message>
</context>
<context>
    <name>ncre::ProfilePage</name>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Hong Kong and Macao residents</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Taiwan residents</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <source>Residence permit for Hong Kong, Macao and Taiwan residents</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Foreign permanent resident ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnic group</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>通讯地址</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>学号</translation>
    </message>
    <message>
        <source>Training institution</source>
        <translation>培训单位</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日（如 2005-09-01）</translation>
    </message>
    <message>
        <source>&amp;Save basic information</source>
        <translation>保存基本信息(&amp;S)</translation>
    </message>
    <message>
        <source>Draft saved on this computer at %1</source>
        <translation>草稿已于 %1 保存在本机</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Some information is missing or wrong: see the messages under the fields.</source>
        <translation>有信息缺失或有误，请查看各项下方的提示。</translation>
    </message>
    <message>
        <source>Your basic information is saved.</source>
        <translation>基本信息已保存。</translation>
    </message>
    <message>
        <source>No network: your information is kept on this computer and will be sent when the network returns.</source>
        <translation>没有网络：您的信息已保存在本机，网络恢复后会自动提交。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请修改标出的项目。</translation>
    </message>
    <message>
        <source>&amp;Discard them</source>
        <translation>放弃这些修改(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep them</source>
        <translation>保留这些修改(&amp;K)</translation>
    </message>
    <message>
        <source>Changes you had not saved were restored from this computer. Keep them (then check and save them), or discard them and go back to the information last saved?</source>
        <translation>已从本机恢复您上次未保存的修改。保留这些修改（请检查后保存），还是放弃它们并回到上次保存的信息？</translation>
    </message>
    <message>
        <source>Ca&amp;ptcha:</source>
        <translation>验证码(&amp;P)：</translation>
    </message>
    <message>
        <source>Enter the characters in the picture first.</source>
        <translation>请先输入图中的字符。</translation>
    </message>
    <message>
        <source>To check another document number, enter the characters in the picture and save again.</source>
        <translation>要核对另一个证件号码，请输入图中的字符后再次保存。</translation>
    </message>
    <message>
        <source>Draft saved at %1, until you log out</source>
        <translation>草稿已于 %1 保存（退出登录后清除）</translation>
    </message>
    <message>
        <source>No network: your information is sent when the network returns. Logging out before then removes it from this terminal.</source>
        <translation>网络已断开：您的信息将在网络恢复后发送。在此之前退出登录，这些信息将从本终端清除。</translation>
    </message>
</context>
<context>
    <name>ncre::QqLogin</name>
    <message>
        <source>NCRE Desk: QQ login complete. You can close this page and return to NCRE Desk.</source>
        <translation>NCRE Desk：QQ 登录完成。您可以关闭此页面，回到 NCRE Desk。</translation>
    </message>
</context>
<context>
    <name>ncre::QtCameraSource</name>
    <message>
        <source>This terminal has no camera. Use a photo from a USB stick instead.</source>
        <translation>本终端没有摄像头。请改用U盘中的照片。</translation>
    </message>
    <message>
        <source>No camera is connected to this terminal. Use a photo from a USB stick, or ask a member of staff.</source>
        <translation>本终端未连接摄像头。请使用U盘中的照片，或联系工作人员。</translation>
    </message>
    <message>
        <source>The camera set up for this terminal («%1») is not connected. Please ask a member of staff.</source>
        <translation>本终端设置的摄像头（「%1」）未连接。请联系工作人员。</translation>
    </message>
    <message>
        <source>The camera stopped working. Please ask a member of staff, or use a photo from a USB stick.</source>
        <translation>摄像头停止工作。请联系工作人员，或使用U盘中的照片。</translation>
    </message>
</context>
<context>
    <name>ncre::RegisterDialog</name>
    <message>
        <source>Register a new account</source>
        <translation>注册新账号</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Captcha:</source>
        <translation>验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>注册(&amp;R)</translation>
    </message>
    <message>
        <source>4-32 characters: a letter first, then letters, digits, «_» or «.».</source>
        <translation>4-32 个字符：以字母开头，其后为字母、数字、「_」 或 「.」。</translation>
    </message>
    <message>
        <source>8-64 characters with three of: lower case, upper case, digits, other characters; not your account.</source>
        <translation>8-64 个字符，至少包含小写字母、大写字母、数字、其他字符中的三种，且不能包含账号。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>确认密码(&amp;E)：</translation>
    </message>
    <message>
        <source>Fill in the account and the password twice as the hints say.</source>
        <translation>请按提示填写账号，并两次输入密码。</translation>
    </message>
    <message>
        <source>Enter the characters in the picture.</source>
        <translation>请输入图中的字符。</translation>
    </message>
</context>
<context>
    <name>ncre::ReviewPage</name>
    <message>
        <source>your basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>your site and subjects</source>
        <translation>考点及科目</translation>
    </message>
    <message>
        <source>your photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>While the site reviews, you cannot change %1.</source>
        <translation>考点审核期间，您不能修改%1。</translation>
    </message>
    <message>
        <source>From now on, you cannot change %1.</source>
        <translation>此后您不能再修改%1。</translation>
    </message>
    <message>
        <source>Once the site approves, %1 are locked for good.</source>
        <translation>审核通过后，%1将被永久锁定。</translation>
    </message>
    <message>
        <source>&amp;Ask the site to review</source>
        <translation>申请信息审核(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>Correct the &amp;basic information</source>
        <translation>修改基本信息(&amp;B)</translation>
    </message>
    <message>
        <source>Replace the &amp;photo</source>
        <translation>更换照片(&amp;P)</translation>
    </message>
    <message>
        <source>Ask the site to review your registration?</source>
        <translation>确认向考点申请信息审核？</translation>
    </message>
    <message>
        <source>No network: your request is queued and will be sent when the network returns.</source>
        <translation>没有网络：您的申请已排队，网络恢复后会自动提交。</translation>
    </message>
    <message>
        <source>Your site reviews registrations. Ask for review when your information is complete.</source>
        <translation>您的考点开启了信息审核。信息填写完整后请申请审核。</translation>
    </message>
    <message>
        <source>Waiting for the site&apos;s review (asked %1). NCRE Desk tells you when it decides.</source>
        <translation>等待考点审核（申请时间 %1）。审核有结果时 NCRE Desk 会通知您。</translation>
    </message>
    <message>
        <source>The site asked for corrections: «%1». Correct them, then ask for review again.</source>
        <translation>考点要求修改：「%1」。请修改后重新申请审核。</translation>
    </message>
    <message>
        <source>Approved. Your information is locked. Pay before %1, or the registration is cancelled.</source>
        <translation>审核通过，您的信息已锁定。请在 %1 前完成支付，否则报名将被取消。</translation>
    </message>
    <message>
        <source>Nothing to review at this step.</source>
        <translation>当前步骤无需审核。</translation>
    </message>
    <message>
        <source>Your site, %1, does not review registrations: there is nothing to do here. Go on to the payment once your photo is uploaded.</source>
        <translation>您的考点（%1）未开启信息审核，此步骤无需操作。照片上传后请直接缴费。</translation>
    </message>
    <message>
        <source>Waiting for the site&apos;s review (asked %1). Its decision shows when you next log in, here or at home.</source>
        <translation>等待考点审核（%1 申请）。审核结果将在您下次登录时显示，在本终端或在家登录均可查看。</translation>
    </message>
</context>
<context>
    <name>ncre::ReviewPanel</name>
    <message>
        <source>Registration number</source>
        <translation>报名号</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>报考科目</translation>
    </message>
    <message>
        <source>Reason for returning it (pick one or type)</source>
        <translation>退回原因（选择或输入）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Decided lately (all terminals)</source>
        <translation>近期审核结果（所有终端）</translation>
    </message>
    <message>
        <source>Nothing is waiting.</source>
        <translation>暂无待审核的报名。</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>%1 decided this registration meanwhile at another terminal.</source>
        <translation>%1 已在另一终端审核了这条报名。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>No photo to check.</source>
        <translation>没有可检查的照片。</translation>
    </message>
    <message>
        <source>The photo passes every check of the photo rules.</source>
        <translation>照片符合全部照片规格要求。</translation>
    </message>
    <message>
        <source>The photo checks found:</source>
        <translation>照片检查发现：</translation>
    </message>
    <message>
        <source>This registration is not waiting for review.</source>
        <translation>这条报名不在待审核状态。</translation>
    </message>
    <message>
        <source>Pick or type the reason: the candidate must know what to correct.</source>
        <translation>请选择或输入退回原因：考生需要知道要修改什么。</translation>
    </message>
    <message>
        <source>This registration was decided meanwhile at another terminal.</source>
        <translation>这条报名已在另一终端审核。</translation>
    </message>
    <message>
        <source>Approved. The candidate can pay now.</source>
        <translation>审核通过，考生现在可以缴费。</translation>
    </message>
    <message>
        <source>Returned to the candidate for correction.</source>
        <translation>已退回考生修改。</translation>
    </message>
    <message>
        <source>%1: %2
by %3 at %4</source>
        <translation>%1：%2
由 %3 于 %4</translation>
    </message>
</context>
<context>
    <name>ncre::SessionPrompt</name>
    <message>
        <source>Log in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <source>Your session has ended: the password may have been changed, or the account logged out, on another computer. Enter your password to go on. Nothing you entered here is lost.</source>
        <translation>登录已失效：可能在其他电脑上修改了密码或退出了登录。请输入密码继续，您在这里填写的内容都不会丢失。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Captcha:</source>
        <translation>验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Enter the characters in the picture.</source>
        <translation>请输入图中的字符。</translation>
    </message>
</context>
<context>
    <name>ncre::StaffPanel</name>
    <message>
        <source>Back to the welcome screen</source>
        <translation>返回欢迎页</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>退出自助终端模式</translation>
    </message>
    <message>
        <source>Staff: log in with your staff account to review registrations and confirm candidates on site.</source>
        <translation>工作人员：请用工作人员账号登录，进行信息审核和现场确认。</translation>
    </message>
    <message>
        <source>%1 is not a staff account. Only staff of this test site can log in here.</source>
        <translation>%1 不是工作人员账号。只有本考点的工作人员可以在此登录。</translation>
    </message>
    <message>
        <source>%1 works for another test site (%2); this terminal serves %3.</source>
        <translation>%1 属于其他考点（%2）；本终端服务于 %3。</translation>
    </message>
    <message>
        <source>Staff %1 — %2</source>
        <translation>工作人员 %1 — %2</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>信息审核</translation>
    </message>
    <message>
        <source>On-site confirmation</source>
        <translation>现场确认</translation>
    </message>
    <message>
        <source>Touch again to leave kiosk mode</source>
        <translation>再点一次以退出自助终端模式</translation>
    </message>
    <message>
        <source>Staff: review the registrations waiting for this site, or look a candidate up for the on-site confirmation. Touch «Back to the welcome screen» when you are done.</source>
        <translation>工作人员：请审核本考点待审核的报名信息，或查找考生办理现场确认。完成后请点击「返回欢迎页」。</translation>
    </message>
</context>
<context>
    <name>ncre::StaffReview</name>
    <message>
        <source>Photo: the background is not plain white or light blue.</source>
        <translation>照片：背景不是纯白色或浅蓝色。</translation>
    </message>
    <message>
        <source>Photo: the head is too small or too large in the frame.</source>
        <translation>照片：头部在画面中过小或过大。</translation>
    </message>
    <message>
        <source>Photo: the photo is blurred or too dark.</source>
        <translation>照片：照片模糊或过暗。</translation>
    </message>
    <message>
        <source>Data: the name does not match the identity document.</source>
        <translation>信息：姓名与身份证件不符。</translation>
    </message>
    <message>
        <source>Data: the document number does not match the identity document.</source>
        <translation>信息：证件号码与身份证件不符。</translation>
    </message>
</context>
<context>
    <name>ncre::StepBar</name>
    <message>
        <source>Agreement</source>
        <translation>报名协议</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>报考科目</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>信息审核</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>网上支付</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source> (current)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <source>Registration steps</source>
        <translation>报名步骤</translation>
    </message>
</context>
<context>
    <name>ncre::SubjectListModel</name>
    <message>
        <source>¥%1</source>
        <translation>¥%1</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>科目</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Exam time</source>
        <translation>考试时间</translation>
    </message>
    <message>
        <source>Seats left</source>
        <translation>剩余名额</translation>
    </message>
</context>
<context>
    <name>ncre::SubjectsPage</name>
    <message>
        <source>Search sites by name, district or address</source>
        <translation>按名称、区县或地址搜索考点</translation>
    </message>
    <message>
        <source>Search test sites</source>
        <translation>搜索考点</translation>
    </message>
    <message>
        <source>Test sites</source>
        <translation>考点</translation>
    </message>
    <message>
        <source>Subjects of the chosen site</source>
        <translation>所选考点的科目</translation>
    </message>
    <message numerus="yes">
        <source>You may choose up to %n subject(s).</source>
        <translation>
            <numerusform>最多可选 %n 个科目。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Tell me when seats free up</source>
        <translation>有名额时通知我(&amp;T)</translation>
    </message>
    <message>
        <source>I &amp;guarantee the information above is true and accurate</source>
        <translation>我保证以上信息是真实和准确的(&amp;G)</translation>
    </message>
    <message>
        <source>1. Choose a test site</source>
        <translation>1. 选择考点</translation>
    </message>
    <message>
        <source>2. Tick your subjects</source>
        <translation>2. 勾选报考科目</translation>
    </message>
    <message numerus="yes">
        <source>You can choose at most %n subject(s) in one exam.</source>
        <translation>
            <numerusform>同一考次最多只能报考 %n 个科目。</numerusform>
        </translation>
    </message>
    <message>
        <source>NCRE Desk will tell you when seats at this site free up.</source>
        <translation>该考点有空余名额时，NCRE Desk 会通知您。</translation>
    </message>
    <message>
        <source>This site reviews registrations: after submitting and uploading your photo, ask for review; pay within 24 hours of approval.</source>
        <translation>该考点开启了信息审核：提交报考信息并上传照片后申请信息审核，审核通过后须在24小时内完成支付。</translation>
    </message>
    <message>
        <source>This site does not review registrations: pay after uploading your photo.</source>
        <translation>该考点未开启信息审核：上传照片后即可支付。</translation>
    </message>
    <message>
        <source>No subject chosen yet.</source>
        <translation>尚未选择科目。</translation>
    </message>
    <message>
        <source>Chosen: %1 — total fee %2</source>
        <translation>已选：%1 — 合计 %2</translation>
    </message>
    <message>
        <source>&amp;Submit registration</source>
        <translation>提交报考信息(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Save subjects</source>
        <translation>保存报考科目(&amp;S)</translation>
    </message>
    <message>
        <source>No network: your choice is kept on this computer and will be sent when the network returns.</source>
        <translation>没有网络：您的选择已保存在本机，网络恢复后会自动提交。</translation>
    </message>
    <message>
        <source>Your subjects are saved.</source>
        <translation>报考科目已保存。</translation>
    </message>
    <message>
        <source>No network: your submission is queued and will be sent when the network returns.</source>
        <translation>没有网络：您的报考信息已排队，网络恢复后会自动提交。</translation>
    </message>
    <message>
        <source>Submitted. Now upload your photo: without it the registration is not valid.</source>
        <translation>已提交。请上传照片：未上传照片的报名无效。</translation>
    </message>
    <message>
        <source>No test site matches «%1». Sites are listed by their Chinese names, districts and addresses: try part of one, e.g. «海淀».</source>
        <translation>没有与「%1」匹配的考点。考点按中文名称、区县和地址列出：请输入其中一部分，例如「海淀」。</translation>
    </message>
    <message>
        <source>%1 and %2 are examined at the same time: keep only one of them.</source>
        <translation>科目 %1 和 %2 的考试时间相同：请只保留其中一门。</translation>
    </message>
    <message>
        <source>No network: your choice is sent when the network returns. Logging out before then removes it from this terminal.</source>
        <translation>网络已断开：您的选择将在网络恢复后发送。在此之前退出登录，您的选择将从本终端清除。</translation>
    </message>
</context>
<context>
    <name>ncre::UpdateBanner</name>
    <message>
        <source>NCRE Desk %1 is available (this is %2). Download it from %3</source>
        <translation>NCRE Desk %1 已发布（当前为 %2）。下载地址：%3</translation>
    </message>
    <message>
        <source>This NCRE Desk (%1) is no longer accepted by the registration server: install version %2 or later from %3. What you entered is kept on this computer.</source>
        <translation>报名服务器已不再接受此版本的 NCRE Desk（%1）：请从 %3 安装 %2 或更高版本。已填写的内容保留在本机。</translation>
    </message>
</context>
<context>
    <name>ncre::WelcomePage</name>
    <message>
        <source>Register for the National Computer Rank Examination</source>
        <translation>全国计算机等级考试网上报名</translation>
    </message>
    <message>
        <source>Log in or register, fill in your registration, add your photo, pay with your phone and print your documents here. When you leave, or after a while without a touch, everything you entered is removed from this terminal.</source>
        <translation>您可以在这里登录或注册、填写报名信息、上传照片、用手机缴费并打印报名材料。您离开时，或一段时间无操作后，您在本终端输入的所有内容都会被清除。</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Register a new account</source>
        <translation>注册新用户</translation>
    </message>
    <message>
        <source>Touch «Log in» if you have an NCRE account, or «Register a new account».</source>
        <translation>已有账号请点击「登录」，没有账号请点击「注册新用户」。</translation>
    </message>
    <message>
        <source>The registration service cannot be reached at the moment, so nobody can log in or register here yet. This screen tries again by itself; if it stays like this, please tell the site staff.</source>
        <translation>暂时无法连接报名服务，现在还不能在本机登录或注册。本屏幕会自动重试；如果一直如此，请告知考点工作人员。</translation>
    </message>
    <message>
        <source>The registration service cannot be reached at the moment.</source>
        <translation>暂时无法连接报名服务。</translation>
    </message>
</context>
<context>
    <name>ncre::theme</name>
    <message>
        <source>The exam authority publishes this text in Chinese only.</source>
        <translation>考试主管部门仅以中文发布此文本。</translation>
    </message>
</context>
</TS>
