<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <source>建立管理员账户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这是本机的第一个账户，可以管理本机的其他账户。请由负责本机的人员填写并牢记密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>建立账户(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小写字母或数字，如 zhangsan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 张三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同时担任内勤/文书（登记案件、制作文书）(&amp;K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名(&amp;N)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码(&amp;P)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认密码(&amp;C)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机已登记到：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在建立管理员账户…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <source>已取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>现场检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>询问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>勘验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>抽样取证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>先行登记保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查封</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣押</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调取书证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>给予行政处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法行为轻微，不予行政处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法事实不能成立，不予行政处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉嫌犯罪，移送司法机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>减轻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从轻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一般</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从重</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>银行代收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>网上缴款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当场收缴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入正整数天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立案审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立案编号(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>留空则自动编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人意见(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同意立案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立案须经行政机关负责人批准（《行政处罚法》第五十四条）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予立案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不予立案理由(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录调查取证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取证方式(&amp;K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始时间(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地点(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已出示执法证件(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全程音像记录(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录摘要(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调查终结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审查日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同意调查终结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法制审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审核日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审核结论(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审核意见(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事实清楚，证据确凿，程序合法，裁量适当</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>集体讨论</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>讨论日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>参加人员(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用顿号分隔，如：王队长、刘副队长、陈副队长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>讨论结论(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>延长办案期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>延长天数(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>延期理由(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事先告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>告知书送达日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知陈述、申辩、要求听证的权利（第四十四条）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>陈述申辩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人明确放弃陈述申辩(&amp;W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>陈述申辩要点(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请听证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>举行听证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>听证日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人无正当理由未到场(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>作出处理决定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决定日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决定书文号(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人在场，宣告后当场交付(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送达决定书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送达日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送达方式(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人已签署电子送达确认书(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>留置送达有见证人或拍照录像(&amp;W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记缴款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缴款日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缴款金额（元）(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缴款方式(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>票据号码(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当场收缴：不当场收缴事后难以执行(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当场收缴：边远、水上、交通不便地区，当事人提出(&amp;Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>罚款由当事人到指定银行或通过电子支付系统缴纳（罚缴分离，第六十七条）。当场收缴仅限当场处罚且罚款一百元以下，或事后难以执行、边远地区当事人提出的情形，并须出具财政部门统一制发的专用票据（第六十八条至第七十条）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂缓/分期缴纳</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人申请日期(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缓缴至(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缓缴金额（元）(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准意见(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同意暂缓缴纳</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人确有经济困难的，经申请和行政机关批准，可以暂缓或者分期缴纳（第六十六条）。分期缴纳请逐期登记。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结案日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行情况(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归档日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销立案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销理由(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当场处罚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处罚日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决定书编号(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>罚款（元）(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>警告(&amp;W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已告知陈述申辩权利(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已告知须先申请行政复议(&amp;Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告的，可以当场作出行政处罚决定（第五十一条）；使用预定格式、编有号码的决定书，当场交付当事人（第五十二条）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当场处罚备案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备案日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当场收缴罚款上缴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>交至行政机关日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员当场收缴的罚款，应当自收缴之日起二日内交至行政机关（第七十一条）。本案尚未上缴的当场收缴罚款一并登记。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>安排听证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>听证通知送达日期(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>听证主持人(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>听证七日前通知当事人时间、地点；主持人由非本案调查人员担任（第六十四条）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拟处理意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理意见(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>裁量阶次(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>裁量理由(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拟定处罚种类和幅度（调查终结前后均可修改；事先告知后不得加重）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉嫌违法行为(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法地点(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法事实(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法依据(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处罚依据(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑案情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>作出处理决定前可以修改案件事实和依据。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message>
        <source>案件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人关联</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调查取证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办案期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缴款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#999&quot;&gt;（未填写）&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在左侧选择案件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步（依法可办理的事项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加当事人(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拟处理意见(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加证据(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑案情(&amp;Q)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>安排听证(&amp;H)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记上缴(&amp;U)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当场收缴的罚款交至行政机关（第七十一条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成文书(&amp;D)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到文书页为本案生成、审批、签发文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案情与依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据种类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剩余</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间（北京时间）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取案件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}&#x3000;{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；罚款 {0}，尚欠 {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段：{0}（{1}）{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未拟定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法行为</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>权责清单事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未关联）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法时间、地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法事实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处罚依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，罚款 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>裁量阶次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>裁量理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}：&lt;/b&gt;{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>个工作日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已于{0:%Y-%m-%d}完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超期{0}{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已超期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进行中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本案已无待办理的程序事项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理“{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在保存：{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加当事人：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改当事人：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定从本案中移除当事人“{0}”吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件号码：{0}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除后本案不再列出该当事人，移除记录保留在时间线中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除当事人：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择证据文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据种类（第四十六条）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加证据{0}件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>案号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已超期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}：{1:%Y年%m月%d日}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>搜索案号、当事人、证件号码、地址、案情（单字亦可）  Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记案源(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段(&amp;J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承办人(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案由(&amp;Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新计算办案期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读取筛选项…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部承办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部案由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统计案件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新办案期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在更新办案期限…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记案源：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在登记案源…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <source>男</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>女</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人本人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人的法定代表人（负责人）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人的经营者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人的委托代理人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人的工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择或直接输入</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>欢迎使用 squaddesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机还没有任何账户。请选择如何开始：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记到县局服务器，正式使用(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需要县局管理员发放的一次性登记码；如县局使用自己的证书，还需要县局提供的 CA 证书文件。登记后再建立本机的管理员账户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开演示模式，先熟悉一下(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>写入一个虚构的演示中队（怀远中队）、执法人员和十几个案件，供练习使用，不会上传县局。注意：演示数据与正式数据不能混用，选择演示后，本机的这个 Windows 用户不能再登记到县局。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开演示(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在写入演示数据…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataSafetyBox</name>
    <message>
        <source>数据安全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即备份(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从备份恢复(&amp;R)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复备份须由管理员操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最新备份：{0}，共 {1} 份（保存在本机 {2}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚无备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已备份并校验：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机还没有备份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在恢复备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已从备份恢复。尚未上传县局的修改已保留。程序将重新登录以载入恢复后的数据。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>yyyy年M月d日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未填写</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTimeField</name>
    <message>
        <source>yyyy年M月d日 HH:mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现在</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填入当前时间</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlineDashboard</name>
    <message>
        <source>已超期 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即将到期 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已超期 {0} 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即将到期 {0} 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办案期限已经届满、相应程序尚未完成的案件；点击只看这些案件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>三个工作日内（时效为30日内）到期的案件；点击只看这些案件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentActionBar</name>
    <message>
        <source>从案件生成文书草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择案件（案件页“生成文书…”或本页“选择案件…”）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前用户无权编辑案件文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在左侧选择一份本机文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批通过后方可签发、用印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅中队长可审批文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只有草稿需要审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已签发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书尚未审批，不能签发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取号、生成并保存正式文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（留印章框，手工盖章）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前用户无权签发文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本文书不加盖印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仅中队长可加盖印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书尚未审批，不得用印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已加盖电子印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>电子印章（签发时加盖）或打印留印章框，并写入用印登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>制作更正文书（新草稿，原文书保留）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前用户无权制作更正文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未签发的文书直接重新生成即可</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成文书(&amp;G)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签发(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用印(&amp;Y)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取案件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本案当前阶段没有需要制作的文书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成文书草稿：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成《{0}》…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批文书：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在审批…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>领取文号段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签发文书：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在签发《{0}》…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将按案件现有信息制作《{0}》{1}的更正文书（新草稿），原文书保留不变。继续吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正文书：{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在制作更正文书…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用印登记：{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在登记用印…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>选择案件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量打印所选…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出卷宗…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用印登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部文书（未选择案件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}&#x3000;{1}（{2}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择案件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机还没有案件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近的案件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— 本案文书 —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— 本机文书 —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&#x3000;{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（还没有文书：点“生成文书…”）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（还没有文书）</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>文书 %n 份</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，用印登记 %n 条</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>— 模板样张 —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>样张：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}&#x3000;{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>样张（示例内容）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已签发的正式文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预览：尚未签发，不是正式文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印文书 {0} 份</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>已打印 %n 份文书</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>导出卷宗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有已签发且属于案件的文书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1}（案件 {2}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择案件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归档前自查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本案卷宗还有以下问题：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仍要导出吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>卷宗.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成卷宗…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>卷宗已导出：%1（%2 页）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>设置完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机现在是演示模式。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示数据已写入：{0}。

点击“完成，去登录”后进入登录窗口；演示账户（内勤、中队长、执法队员、法制审核员、管理员）和密码显示在登录窗口下方。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机已可以使用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机已登记到：{0}。
管理员账户“{1}”已建立。

点击“完成，去登录”后用该账户登录。登录后可在“同步”页查看与县局服务器的同步情况，管理员可为中队其他人员建立账户。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrollPage</name>
    <message>
        <source>登记到县局服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写县局管理员提供的信息。登记码只能使用一次，登记成功后本机即属于该中队。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记本机(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局使用自己的证书时才需要（.pem / .crt）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件(&amp;L)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器地址(&amp;S)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA 证书(&amp;A)（可选）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记码(&amp;C)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记码由县局管理员在县局服务器上生成（squaddesk-server enroll-code），有效期内只能使用一次。CA 证书文件会复制到本机数据文件夹保存，U 盘可以拔下。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择县局提供的 CA 证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书文件 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在连接县局服务器并登记本机…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>无法完成操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序出现意外错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序出现意外错误，刚才的操作没有完成，已保存的数据不受影响。
错误详情已记录在日志中，请联系县局信息管理员。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>密码规则：至少 {0} 个字符；不能是常见密码；不能包含用户名或姓名；首尾不能有空格。可以用一句好记的话。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ 密码符合要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ 两次输入一致</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序出现意外错误，这一步没有完成，已保存的数据不受影响。详情已写入日志，请联系县局技术人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消登记。登记码还没有使用，可以改正后重新登记。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; 上一步(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步(&amp;N) &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成，去登录(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>squaddesk 首次设置</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>例如 500 或 1,200.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（选填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请至少选择{0}名执法人员（《行政处罚法》第四十二条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerateDocumentDialog</name>
    <message>
        <source>生成文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（缺 {0} 项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成草稿(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查后生成文书草稿（Ctrl+Enter）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已填写的内容在本次运行期间保留，再次打开可继续</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空重填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书种类(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空本文书已填写的全部内容？此操作不能撤销。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本案当前阶段没有可生成的文书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案件中已有本文书需要的全部内容。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案件中还缺少：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>须先在案件中补充。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写本笔录的内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可在下面填写本文书专有的内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（Ctrl+Enter 生成草稿）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已恢复上次未生成的内容。关闭对话框不会丢失已填写的内容；要重新开始请点“清空重填”。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridEditor</name>
    <message>
        <source>添加一行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在当前行之后插入（Ctrl+Insert）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除此行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除当前行（Ctrl+Delete）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上移</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下移</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>屏幕已锁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已超过 {0} 分钟无操作，为保护案件和当事人信息，屏幕已锁定。
请输入 {1} 的密码解锁。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>解锁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 squaddesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>squaddesk 综合行政执法中队办公系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前用户：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步：未连接县局服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件预警：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打开数据文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首次使用：请在向导中选择打开演示或登记本机。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未能打开数据文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请登录。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficersPage</name>
    <message>
        <source>行政执法人员公示名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员公示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件到期及异常情况表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件到期及异常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训学时统计表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训学时统计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索姓名、单位、执法证号、身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入县局名册…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印/导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加备注…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机还没有执法人员名册：请点击“导入县局名册…”，或等待与县局同步。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日可执法 {0} 人&#x3000;|&#x3000;临近到期 {1} 人&#x3000;|&#x3000;不能执法 {2} 人&#x3000;|&#x3000;培训学时未达标 {3} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法证速查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在记录查验…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择县局下发的执法人员名册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员名册 (*.xlsx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查名册…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入县局名册 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入名册…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于 {0} 的备注（仅本中队记录，不改动县局数据）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员备注：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>案件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <source>自然人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法人或其他组织</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>个体工商户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>巡查发现</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>投诉举报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上级交办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部门移送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>媒体曝光</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统一社会信用代码/注册号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名/名称(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件号码(&amp;I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>身份证号码（自然人）或统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法定代表人/经营者(&amp;L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>住址/住所(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系电话(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}。当事人的类型、姓名（名称）和证件号码不能再更改；可以更正住址、联系电话和法定代表人（经营者），更正前后的内容记入时间线。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>作出处罚决定或签发载明当事人的文书前，可以更正当事人的全部信息；更正前后的内容记入时间线。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提示：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期不能晚于今天</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartyPanel</name>
    <message>
        <source>当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改当事人(&amp;M)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正所选当事人的信息（Enter 或 F2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除当事人(&amp;R)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从本案中移除所选当事人（Delete）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名/名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加当事人…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改当事人…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除当事人…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>无文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&#x3000;{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法显示该文书</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonIdField</name>
    <message>
        <source>18位居民身份证号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已输入 {0} 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ 号码有效：{0}年{1}月{2}日出生，{3}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>没有要打印的文书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 等{1}份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法开始打印：打印机“{0}”不可用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认打印机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消打印</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QaEditor</name>
    <message>
        <source>插入一问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在当前问答之后插入一问（Ctrl+Insert）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除此问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除当前问答（Ctrl+Delete）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上移</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前问答上移（Alt+↑）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下移</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前问答下移（Alt+↓）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回车：问→答→下一问&#x3000;Shift+回车：换行&#x3000;Tab：下一格&#x3000;Ctrl+Insert/Delete：插入/删除&#x3000;Alt+↑↓：移动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除问答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除第{0}问“{1}”及其回答？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无问题）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickCheckPanel</name>
    <message>
        <source>证件速查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入或扫描执法证号，按回车查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>监制</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扫描执法证二维码或输入证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（已补办新证：{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件记录：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>《{0}》还缺少以下内容，不能生成：{1}。请补充后再试。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterLeadDialog</name>
    <message>
        <source>案源(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发现日期(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉嫌违法行为(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如：未经批准擅自占道经营</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>权责清单编码(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法地点(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基本情况(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>违法依据(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如：《城市市容和环境卫生管理条例》第十四条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处罚依据(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>承办人员(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序(&amp;G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>普通程序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>简易程序（当场处罚）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记案源</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>案件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案件当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缴款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>中队</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待上报变更</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审计记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将移除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容不同</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择一个备份，查看恢复后会有哪些变化。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我已核对以上变化，确认恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有可用的备份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复到 {0}。尚未上报县局的 {1} 条变更（涉及 {2} 行数据）会保留，不会丢失；此后的 {3} 条审计记录随当前数据一起另存为“恢复前”备份。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterReportDialog</name>
    <message>
        <source>名册检查结果 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所有行均已通过检查。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将标记为已调离的人员（{0} 人）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下人员在本机名册中，但县局名册中已没有。导入后将标记为已调离：记录保留，已办案件和文书不受影响，但自今日起不能再参与执法。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这只是部分名册（增补或变更）：只导入名册中的人员，不标记任何人调离</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年培训学时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>岗位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>资格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已离岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>辅助人员（不持证）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效（新证已下发）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> {0}未达标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>法制审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>听证主持</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 今日不能作为承办人：证件状态为「{1}」</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件即将到期，请提醒本人办理年审或换证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年度培训学时未达标，还差 {0:g} 学时</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SealDialog</name>
    <message>
        <source>用印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>电子印章（签发时加盖在文书上）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印留印章框（打印后手工盖章）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书已签发，不能再加盖电子印章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送达当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用印并登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用印事由(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准人(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>监印人(&amp;K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>份数(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SealRegisterView</name>
    <message>
        <source>登记号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>份数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事由</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>自检失败：Qt PDF 无法打开生成的文书（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自检失败：Qt PDF 无法绘制文书页面</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>执法主体（文书落款机关）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>机关代字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>中队名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行政复议机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管辖人民法院</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>罚款代收银行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>代收账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书核验网址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>陈述申辩期限（工作日）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请听证期限（工作日）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>较大数额罚款：个人（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>较大数额罚款：单位（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重大执法决定：个人罚款（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重大执法决定：单位罚款（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>集体讨论：个人罚款（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>集体讨论：单位罚款（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案源核查期限（工作日）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法证号格式（正则表达式）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件到期预警（天）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度培训学时目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局服务器地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局CA证书文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动同步间隔（分钟）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置已保存。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>综合行政执法中队办公系统</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>本机较新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局较新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>先后不明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>案件当事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调查取证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缴款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法人员名册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执法证件信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>权力清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行政处罚裁量基准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文书模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印章规格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>节假日安排</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}（第 {1} 版）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（空）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局服务器：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次成功同步：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等待上传：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需要处理：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局数据未写入：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待确认的冲突：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次错误：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需要处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局数据未写入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲突</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下修改被县局拒绝，未影响其他修改的上传。请逐项查看原因：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局的答复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不再上传</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下县局下发的数据暂未能写入本机，其余数据已正常写入。每次同步都会自动重试；按“原因”处理好本机的相关记录后，再同步一次即可。县局下发的名册、裁量基准等资料有误时，须由县局改正后重新下发。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首次发现</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局修改人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已尝试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>哪边较新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机的值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县局的值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保留本机的值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>采用县局的值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机尚未登记到县局服务器。请先运行 squaddesk enroll --server 地址 --code 登记码，或联系县局技术人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从未成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n 项</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n 处</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 次</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{0}
（技术信息：{1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>需要处理（%n）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>县局数据未写入（%n）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>冲突（%n）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&#x3000;（较新）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改时间：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改时间：{0}&#x3000;修改人：{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>正在与县局服务器同步…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusController</name>
    <message>
        <source>同步：状态暂不可读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同步：正在同步…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_QaRow</name>
    <message>
        <source>问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>答：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
